// Show only the chosen theme's goals in the decision form. Without this script every goal is
// listed and the form checks that the goal belongs to the theme.
document.querySelectorAll("select[data-theme-filter]").forEach(function (goal) {
  var theme = document.getElementById(goal.dataset.themeFilter);
  if (!theme) return;
  function filter() {
    Array.prototype.forEach.call(goal.options, function (option) {
      var other = theme.value && option.dataset.theme && option.dataset.theme !== theme.value;
      option.hidden = option.disabled = Boolean(other);
      if (other && option.selected) goal.value = "";
    });
  }
  theme.addEventListener("change", filter);
  filter();
});
