from wagtail import hooks

# wagtail-nhsuk-frontend's footer settings are replaced by goodpractice.home.footer's (their
# URL fields refuse /privacy/ and mailto: addresses); hide them so no one edits a footer that is
# never shown.
REPLACED_SETTINGS = {"footer-settings", "footer-settings-columns"}


@hooks.register("construct_settings_menu")
def hide_replaced_footer_settings(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name not in REPLACED_SETTINGS]
