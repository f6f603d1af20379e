from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from goodpractice.alerts.admin_views import subscriptions_report


class AdministratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_alerts_report():
    return [path("reports/email-alerts/", subscriptions_report, name="alerts_report")]


@hooks.register("register_reports_menu_item")
def register_alerts_menu_item():
    return AdministratorsMenuItem(
        "Email alerts", reverse("alerts_report"), name="email-alerts", icon_name="mail", order=1320
    )
