"""The production static files storage: WhiteNoise's compressed, hashed manifest storage,
tolerant of one thing only, a source map that a package names but does not ship.

NHS.UK frontend's minified CSS and JS end with a `sourceMappingURL` comment, but
wagtail-nhsuk-frontend leaves the `.map` files out; Django's manifest storage then stops
`collectstatic` with "The file ... could not be found", no manifest is written, and every
page that names a static file fails. Such a comment is left as it is (browsers fetch maps
only for their developer tools); every other reference must still resolve, so a CSS `url()`
or `@import` of a missing file still fails the build.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)

        def converter(matchobj):
            if "sourceMappingURL" not in matchobj["matched"]:
                return convert(matchobj)
            try:
                return convert(matchobj)
            except ValueError:  # a map the package does not ship
                return matchobj["matched"]

        return converter
