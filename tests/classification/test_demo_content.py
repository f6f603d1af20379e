import tomllib
from pathlib import Path

from goodpractice.classification import demo_content


def test_the_data_file_parses_and_holds_the_seed_terms():
    data = tomllib.loads(Path(demo_content.__file__).with_suffix(".toml").read_text("utf-8"))
    assert len(data["themes"]) == 5
    assert len(data["regions"]) == 11
    assert len(data["audiences"]) == 5
    assert all(theme["slug"] and theme["name"] and theme["description"] for theme in data["themes"])
    assert len({theme["slug"] for theme in data["themes"]}) == 5
