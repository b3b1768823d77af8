from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kumppani.core"
    label = "core"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from kumppani.core.page_cache import content_changed

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"kumppani-content-{signal!r}")
