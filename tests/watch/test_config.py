from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.watch.config import FileSink, StdoutSink, WebhookSink, load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sources.example.yaml"


def test_config_example_file_loads() -> None:
    config = load_config(EXAMPLE)
    assert [s.name for s in config.sources][:2] == ["Example Wire", "Example Monitor"]
    assert all("example.invalid" in u for s in config.sources for u in (*s.feeds, *s.urls))
    sinks = [type(k) for a in config.alerts for k in a.sinks]
    assert {FileSink, StdoutSink, WebhookSink} <= set(sinks)
    jsonl = config.alerts[0].sinks[0]
    assert isinstance(jsonl, FileSink) and jsonl.path == EXAMPLE.parent / "alerts.jsonl"
    assert config.alerts[2].on_growth is False and config.fetch.per_host_interval == 1.0


@pytest.mark.parametrize(("text", "needle"), [
    ("sources: []\n", "sources"),
    ("sources:\n  - name: A\n    feeds: [ftp://x.example.invalid/f]\n", "not an http"),
    ("sources:\n  - name: A\n", "neither feeds nor urls"),
    ("sources:\n  - {name: A, urls: [http://a.invalid/]}\n  - {name: A, urls: [http://b.invalid/]}\n",
     "duplicate source names"),
    ("sources:\n  - {name: A, urls: [http://a.invalid/]}\nalerts:\n  - {name: r, bbox: [10, 0, 5, 1]}\n",
     "min_lon"),
    ("sources:\n  - {name: A, urls: [http://a.invalid/]}\nalerts:\n  - {name: r, sinks: [{type: pager}]}\n",
     "alerts.0.sinks.0"),
    ("sources: [unclosed\n", "not valid YAML"),
    ("- just a list\n", "expected a mapping"),
    ("sources:\n  - {name: A, urls: [http://a.invalid/], colour: red}\n", "colour"),
])
def test_config_rejects_bad_files_with_a_located_reason(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert needle in str(info.value) and info.value.code.startswith("E16")


def test_config_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "nope.yaml")
