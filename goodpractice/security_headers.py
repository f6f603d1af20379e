"""The security headers on every response that Django and django-csp leave to the project.

django-csp sends one policy for the whole site (CONTENT_SECURITY_POLICY). The Wagtail admin
needs a few allowances the public pages do not: its page previews are framed by the editor,
and it shows uploads before they are sent (blob:) and images as data: URLs, and
for signed-in editors Wagtail 8's inline scripts (date widgets, inline panels). So
`ContentSecurityPolicyMiddleware` extends django-csp's middleware where its documentation
says to (`get_policy_parts`) and sends ADMIN_CONTENT_SECURITY_POLICY under the admin's
address instead, and lets the admin frame a page's preview. Django has no setting for
`Permissions-Policy` or `Cross-Origin-Resource-Policy`; `SecurityHeadersMiddleware` sends both.
See docs/security.md.
"""

from django.conf import settings
from django.urls import reverse

from csp.middleware import CSPMiddleware


def is_admin(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if getattr(request, "is_dummy", False):
            # Wagtail runs a preview (or a draft view) through the middleware as a request
            # for the page's own address, so it gets the public policy; the admin frames it.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
        elif is_admin(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            if request.user.is_authenticated and parts.update is None:
                parts.update = settings.ADMIN_SIGNED_IN_CONTENT_SECURITY_POLICY_UPDATE
        return parts


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response
