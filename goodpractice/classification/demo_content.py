"""Demo content for the classification: the five themes and eleven regions of the seed page
(shared/seeds), and the audiences its items are for, from demo_content.toml beside this
module. The protected characteristics come from classification migration 0002.

Classification imports nothing else of the project, so it reads its data file itself.
"""

import tomllib
from pathlib import Path

from goodpractice.classification.factories import AudienceFactory, RegionFactory, ThemeFactory

DATA = tomllib.loads(Path(__file__).with_suffix(".toml").read_text(encoding="utf-8"))
THEMES = DATA["themes"]
REGIONS = DATA["regions"]
AUDIENCES = DATA["audiences"]


def load(command):
    load_taxonomy()
    command.stdout.write(
        f"Classification: {len(THEMES)} themes, {len(REGIONS)} regions, {len(AUDIENCES)} audiences."
    )


def load_taxonomy():
    """Get or create each term by slug (the factories do): an existing term is left alone."""
    for order, theme in enumerate(THEMES):
        ThemeFactory(**theme, sort_order=order)
    for order, name in enumerate(sorted(REGIONS)):
        RegionFactory(name=name, description="", sort_order=order)
    for order, audience in enumerate(AUDIENCES):
        AudienceFactory(**audience, description="", sort_order=order)
