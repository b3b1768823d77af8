from kumppani.core.tests.matrix import logged_in, public

PAGES = {
    "core:home": public(),
    "core:dashboard": logged_in(),
}
