"""Test atlas.data.served: files the app serves by URL, named by content, inlined for exports."""

import base64
import json

import pytest

from atlas.data import served


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setattr(served, "FOLDER", tmp_path / "served")
    return tmp_path / "served"


def test_a_file_is_named_by_its_content_and_written_once(folder):
    url = served.publish("borders", b'[1,2]')
    assert url.startswith(served.PREFIX + "borders-") and url.endswith(".json")
    path = folder / url.removeprefix(served.PREFIX)
    assert path.read_bytes() == b"[1,2]"
    assert served.publish("borders", b'[1,2]') == url  # same bytes, same name
    assert served.publish("borders", b'[1,3]') != url
    assert [p.name for p in folder.iterdir() if p.suffix != ".json"] == []  # no partial files left


def test_a_folder_that_cannot_be_written_gives_a_data_url(tmp_path, monkeypatch):
    (tmp_path / "static").write_text("a file where the folder should be")  # fails for root too
    monkeypatch.setattr(served, "FOLDER", tmp_path / "static" / "served")
    url = served.publish("borders", b'{"a":1}')
    assert json.loads(base64.b64decode(url.split(",", 1)[1])) == {"a": 1}


def test_inline_replaces_served_urls_with_their_content(folder):
    url = served.publish("provinces", b'{"type":"FeatureCollection"}')
    spec = json.dumps({"layers": [{"data": url}, {"data": "data:,x"}]})
    inlined = json.loads(served.inline(spec))
    assert inlined["layers"][1]["data"] == "data:,x"
    assert base64.b64decode(inlined["layers"][0]["data"].split(",", 1)[1]) == b'{"type":"FeatureCollection"}'
