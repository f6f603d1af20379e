"""The MDN HTTP Observatory's score for one page, from its response headers and HTML.

The rules and modifiers are the Observatory's, as documented at
https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring and implemented in
https://github.com/mdn/mdn-http-observatory (src/analyzer/tests/*.js, src/grader/charts.js,
src/scanner/index.js): start at 100, take off every penalty, and add the bonuses only if
that leaves 90 (A) or more; 100 or more is A+. Encoded here for what the site can send: the
HSTS preload list and certificate checks (the proxy's business) are left out.

`score(scan)` takes a `Scan`: the page's response over HTTPS (as the proxy passes it on),
the redirects of a plain-HTTP request for it, and the answer to a request with a foreign
`Origin` (for CORS).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
SIX_MONTHS = 15_552_000  # the Observatory's "white lie" for 15768000
DANGEROUSLY_BROAD = {
    "ftp:",
    "http:",
    "https:",
    "*",
    "http://*",
    "http://*.*",
    "https://*",
    "https://*.*",
}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
PRIVATE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRER_POLICIES = {
    "origin",
    "origin-when-cross-origin",
    "unsafe-url",
    "no-referrer-when-downgrade",
}


@dataclass
class Scan:
    url: str  # the https:// address scanned
    headers: dict  # the response's headers, names in any case
    set_cookies: list  # each Set-Cookie header of the whole visit
    html: str
    redirects: list = field(default_factory=list)  # plain-HTTP address, then each Location
    cors_headers: dict = field(default_factory=dict)  # the answer to a foreign Origin
    cors_origin: str = "https://http-observatory.security.mozilla.org"


@dataclass
class Result:
    test: str
    result: str
    modifier: int


def header(headers, name):
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def parse_csp(value):
    policy = {}
    for part in value.split(";"):
        words = part.strip().split()
        if words and words[0].lower() not in policy:  # the first of a duplicate wins
            policy[words[0].lower()] = set(words[1:])
    return policy


def content_security_policy(scan):
    value = header(scan.headers, "Content-Security-Policy")
    if not value:
        return Result("content-security-policy", "csp-not-implemented", -25), {}
    csp = parse_csp(value)
    default = csp.get("default-src")
    script_src = set(csp.get("script-src") or default or {"*"})
    style_src = set(csp.get("style-src") or default or {"*"})
    object_src = csp.get("object-src") or default or {"*"}
    for sources in (script_src, style_src):
        if any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in sources):
            sources.discard("'unsafe-inline'")
    active = [
        source
        for name, sources in csp.items()
        if name not in {"img-src", "media-src", "script-src"}
        for source in sources
    ] + list(script_src)
    passive = [
        source
        for name in ("img-src", "media-src")
        for source in (csp.get(name) or default or set())
    ]
    https = scan.url.startswith("https://")

    def insecure(sources):
        return https and any(s.startswith(("http:", "ftp:")) for s in sources)

    if script_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE) or object_src & DANGEROUSLY_BROAD:
        result = ("csp-implemented-with-unsafe-inline", -20)
    elif insecure(active):
        result = ("csp-implemented-with-insecure-scheme", -20)
    elif "'unsafe-eval'" in script_src | style_src:
        result = ("csp-implemented-with-unsafe-eval", -10)
    elif insecure(passive):
        result = ("csp-implemented-with-insecure-scheme-in-passive-content-only", -10)
    elif style_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE):
        result = ("csp-implemented-with-unsafe-inline-in-style-src-only", 0)
    elif default == {"'none'"}:
        result = ("csp-implemented-with-no-unsafe-default-src-none", 10)
    else:
        result = ("csp-implemented-with-no-unsafe", 5)
    return Result("content-security-policy", *result), csp


def strict_transport_security(scan):
    value = header(scan.headers, "Strict-Transport-Security")
    if not scan.url.startswith("https://"):
        return Result("strict-transport-security", "hsts-not-implemented-no-https", -20)
    if value is None:
        return Result("strict-transport-security", "hsts-not-implemented", -20)
    max_age = None
    for parameter in (p.strip().lower() for p in value.split(";")):
        if parameter.startswith("max-age="):
            max_age = int(parameter[8:])
    if "," in value or max_age is None:
        return Result("strict-transport-security", "hsts-header-invalid", -20)
    if max_age < SIX_MONTHS:
        return Result(
            "strict-transport-security", "hsts-implemented-max-age-less-than-six-months", -10
        )
    return Result("strict-transport-security", "hsts-implemented-max-age-at-least-six-months", 0)


def cookies(scan, hsts_passes):
    # From worst to best: a worse finding replaces a better one ("onlyIfWorse").
    goodness = [
        ("cookies-without-secure-flag-but-protected-by-hsts", -5),
        ("cookies-without-secure-flag", -20),
        ("cookies-session-without-secure-flag-but-protected-by-hsts", -10),
        ("cookies-samesite-flag-invalid", -20),
        ("cookies-anticsrf-without-samesite-flag", -20),
        ("cookies-session-without-httponly-flag", -30),
        ("cookies-session-without-secure-flag", -40),
    ]
    found = None

    def worse(name):
        nonlocal found
        names = [n for n, _ in goodness]
        if found is None or names.index(name) > names.index(found):
            found = name

    jar = SimpleCookie()
    for raw in scan.set_cookies:
        for part in raw.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "samesite" and value.strip().lower() not in {"lax", "strict", "none"}:
                worse("cookies-samesite-flag-invalid")
        jar.load(raw)
    if not jar:
        return Result("cookies", "cookies-not-found", 0)
    missing_samesite = False
    for name, cookie in jar.items():
        session = "login" in name.lower() or "sess" in name.lower()
        samesite = cookie["samesite"]
        if not cookie["secure"] and samesite.lower() == "none":
            worse("cookies-samesite-flag-invalid")
        if not cookie["secure"]:
            worse(
                "cookies-without-secure-flag-but-protected-by-hsts"
                if hsts_passes
                else "cookies-without-secure-flag"
            )
        if "csrf" in name.lower() and not samesite:
            worse("cookies-anticsrf-without-samesite-flag")
        if session and not cookie["secure"]:
            worse(
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if hsts_passes
                else "cookies-session-without-secure-flag"
            )
        if session and not cookie["httponly"]:
            worse("cookies-session-without-httponly-flag")
        missing_samesite = missing_samesite or not samesite
    if found:
        return Result("cookies", found, dict(goodness)[found])
    if missing_samesite:
        return Result("cookies", "cookies-secure-with-httponly-sessions", 0)
    return Result("cookies", "cookies-secure-with-httponly-sessions-and-samesite", 5)


def cross_origin_resource_sharing(scan):
    allowed = header(scan.cors_headers, "Access-Control-Allow-Origin")
    if not allowed:
        return Result(
            "cross-origin-resource-sharing", "cross-origin-resource-sharing-not-implemented", 0
        )
    allowed = allowed.strip().lower()
    credentials = (header(scan.cors_headers, "Access-Control-Allow-Credentials") or "").strip()
    if allowed == "*":
        return Result(
            "cross-origin-resource-sharing",
            "cross-origin-resource-sharing-implemented-with-public-access",
            0,
        )
    if allowed == scan.cors_origin and credentials.lower() == "true":
        return Result(
            "cross-origin-resource-sharing",
            "cross-origin-resource-sharing-implemented-with-universal-access",
            -50,
        )
    return Result(
        "cross-origin-resource-sharing",
        "cross-origin-resource-sharing-implemented-with-restricted-access",
        0,
    )


def redirection(scan):
    route = scan.redirects
    if not route:
        return Result("redirection", "redirection-not-needed-no-http", 0)
    if len(route) == 1:
        return Result("redirection", "redirection-missing", -20)
    first, second, last = (urlsplit(url) for url in (route[0], route[1], route[-1]))
    if last.scheme != "https":
        return Result("redirection", "redirection-not-to-https", -20)
    if second.scheme == "http":
        return Result("redirection", "redirection-not-to-https-on-initial-redirection", -10)
    if first.hostname != second.hostname:
        return Result("redirection", "redirection-off-host-from-http", -5)
    return Result("redirection", "redirection-to-https", 0)


def referrer_policy(scan):
    value = header(scan.headers, "Referrer-Policy")
    if value is None:
        return Result("referrer-policy", "referrer-policy-not-implemented", 0)
    valid = PRIVATE_REFERRER_POLICIES | UNSAFE_REFERRER_POLICIES
    policies = [p.strip().lower() for p in value.split(",") if p.strip().lower() in valid]
    if policies and policies[-1] in PRIVATE_REFERRER_POLICIES:
        return Result("referrer-policy", "referrer-policy-private", 5)
    if policies:
        return Result("referrer-policy", "referrer-policy-unsafe", -5)
    return Result("referrer-policy", "referrer-policy-header-invalid", -5)


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def registrable_domain(hostname):
    return ".".join((hostname or "").split(".")[-2:])


def subresource_integrity(scan):
    content_type = (header(scan.headers, "Content-Type") or "").split(";")[0].strip()
    if content_type and content_type not in {"text/html", "application/xhtml+xml"}:
        return Result("subresource-integrity", "sri-not-implemented-response-not-html", 0)
    parser = Scripts()
    parser.feed(scan.html)
    if not parser.scripts:
        return Result("subresource-integrity", "sri-not-implemented-but-no-scripts-loaded", 0)
    site = registrable_domain(urlsplit(scan.url).hostname)
    foreign = False
    found = None
    worst = [
        "sri-implemented-but-external-scripts-not-loaded-securely",
        "sri-not-implemented-but-external-scripts-loaded-securely",
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
    ]
    for script in parser.scripts:
        src = script.get("src")
        if not src:
            continue
        integrity = script.get("integrity")
        relative_protocol = src.startswith("//")
        relative = not relative_protocol and not src.startswith(("http://", "https://"))
        same_domain = (
            relative_protocol or relative or (registrable_domain(urlsplit(src).hostname) == site)
        )
        if relative or (same_domain and not relative_protocol):
            if integrity and scan.url.startswith("https://") and found is None:
                found = "sri-implemented-and-all-scripts-loaded-securely"
            continue
        foreign = True
        secure = src.startswith("https://")
        if integrity and not secure:
            finding = worst[0]
        elif not integrity and secure:
            finding = worst[1]
        elif not integrity:
            finding = worst[2]
        else:
            continue
        if found not in worst or worst.index(finding) > worst.index(found):
            found = finding
    modifiers = {
        "sri-implemented-and-all-scripts-loaded-securely": 5,
        "sri-implemented-and-external-scripts-loaded-securely": 5,
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
        worst[0]: -20,
        worst[1]: -5,
        worst[2]: -50,
    }
    if found is None:
        found = (
            "sri-implemented-and-external-scripts-loaded-securely"
            if foreign
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    return Result("subresource-integrity", found, modifiers[found])


def x_content_type_options(scan):
    value = header(scan.headers, "X-Content-Type-Options")
    if value is None:
        return Result("x-content-type-options", "x-content-type-options-not-implemented", -5)
    if value.strip().lower() == "nosniff":
        return Result("x-content-type-options", "x-content-type-options-nosniff", 0)
    return Result("x-content-type-options", "x-content-type-options-header-invalid", -5)


def x_frame_options(scan, csp):
    if "frame-ancestors" in csp:
        return Result("x-frame-options", "x-frame-options-implemented-via-csp", 5)
    value = (header(scan.headers, "X-Frame-Options") or "").strip().lower()
    if not value:
        return Result("x-frame-options", "x-frame-options-not-implemented", -20)
    if value in {"deny", "sameorigin"}:
        return Result("x-frame-options", "x-frame-options-sameorigin-or-deny", 0)
    if value.startswith("allow-from"):
        return Result("x-frame-options", "x-frame-options-allow-from-origin", 0)
    return Result("x-frame-options", "x-frame-options-header-invalid", -20)


def cross_origin_resource_policy(scan):
    value = (header(scan.headers, "Cross-Origin-Resource-Policy") or "").strip().lower()
    results = {
        "": ("cross-origin-resource-policy-not-implemented", 0),
        "same-origin": ("cross-origin-resource-policy-implemented-with-same-origin", 10),
        "same-site": ("cross-origin-resource-policy-implemented-with-same-site", 10),
        "cross-origin": ("cross-origin-resource-policy-implemented-with-cross-origin", 0),
    }
    return Result(
        "cross-origin-resource-policy",
        *results.get(value, ("cross-origin-resource-policy-header-invalid", -5)),
    )


def results(scan):
    csp_result, csp = content_security_policy(scan)
    hsts = strict_transport_security(scan)
    return [
        csp_result,
        cookies(scan, hsts_passes=hsts.modifier == 0),
        cross_origin_resource_sharing(scan),
        redirection(scan),
        referrer_policy(scan),
        hsts,
        subresource_integrity(scan),
        x_content_type_options(scan),
        x_frame_options(scan, csp),
        cross_origin_resource_policy(scan),
    ]


def score(scan):
    """The score and each test's result; the bonuses count only from an A (90) up."""
    found = results(scan)
    penalties = 100 + sum(r.modifier for r in found if r.modifier < 0)
    total = 100 + sum(r.modifier for r in found)
    final = total if penalties >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else penalties
    return max(final, 0), found
