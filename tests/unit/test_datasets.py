"""Test that loading validates every table and names file, line, column and rule of a fault."""

from pathlib import Path

import pytest

from atlas.data.datasets import DataError, SchemaError, load_catalog

SCHEMA = """
sources:
  title: Sources
  primary_key: [id]
  columns:
    id: {type: string, required: true, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: Source id}
    quality: {type: string, required: true, allowed: [A, B, C], description: Grade}
centers:
  title: Centers
  primary_key: [id]
  foreign_keys:
    - {column: source_id, references: sources.id}
    - {column: extra_source_ids, references: sources.id}
  columns:
    id: {type: string, required: true, description: Center id}
    lat: {type: float, min: 3.5, max: 53.6, description: Latitude}
    pue: {type: float, min: 1.0, max: 3.0, description: PUE}
    opened: {type: date, description: Opening date}
    operating: {type: bool, description: In service}
    racks: {type: int, min: 0, description: Racks}
    source_id: {type: string, required: true, description: Source}
    extra_source_ids: {type: list, description: More sources}
"""
SOURCES = "id,quality\nxinhua,A\nlocal-news,B\n"
CENTERS = ("id,lat,pue,opened,operating,racks,source_id,extra_source_ids\n"
           "xian,34.34,1.25,2021-09,true,100,xinhua,local-news\n"
           "wuhan,30.59,,2021,false,,local-news,\n")


def make(tmp_path: Path, **files: str | bytes) -> Path:
    contents = {"datasets.yml": SCHEMA, "sources.csv": SOURCES, "centers.csv": CENTERS, **files}
    for name, text in contents.items():
        if text is None:
            continue
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return tmp_path


def errors_of(folder: Path, table: str) -> list[str]:
    return [str(e) for e in load_catalog(folder).errors.get(table, [])]


def test_valid_folder_loads_typed_tables(tmp_path):
    catalog = load_catalog(make(tmp_path))
    assert catalog.errors == {}
    centers = catalog.tables["centers"]
    assert centers["lat"].tolist() == [34.34, 30.59]
    assert centers["pue"].isna().tolist() == [False, True]
    assert centers["operating"].tolist() == [True, False]
    assert str(centers["racks"].dtype) == "Int64"


@pytest.mark.parametrize(("case", "centers", "message"), [
    ("missing column", "id,lat,pue,opened,operating,source_id,extra_source_ids\nxian,34.3,1.2,2021,true,xinhua,\n",
     "centers.csv, line 1, column 'racks': required column is missing from the header"),
    ("unknown column", "id,lat,pue,opened,operating,racks,source_id,extra_source_ids,colour\n"
                       "xian,34.34,1.25,2021-09,true,100,xinhua,,red\n",
     "centers.csv, line 1, column 'colour': column is not described in datasets.yml"),
    ("wrong type", CENTERS.replace("34.34", "north"),
     "centers.csv, line 2, column 'lat': 'north' is not a number"),
    ("bad coordinate", CENTERS.replace("30.59", "61.2"),
     "centers.csv, line 3, column 'lat': 61.2 is above the maximum 53.6"),
    ("PUE below 1", CENTERS.replace("1.25", "0.9"),
     "centers.csv, line 2, column 'pue': 0.9 is below the minimum 1.0"),
    ("bad date", CENTERS.replace("2021-09", "2021-13"),
     "centers.csv, line 2, column 'opened': '2021-13' is not a date YYYY, YYYY-MM or YYYY-MM-DD"),
    ("bad bool", CENTERS.replace("true", "yes"),
     "centers.csv, line 2, column 'operating': 'yes' is not true or false"),
    ("required empty", CENTERS.replace("wuhan", ""),
     "centers.csv, line 3, column 'id': required value is empty"),
    ("duplicate key", CENTERS.replace("wuhan", "xian"),
     "centers.csv, line 3, column 'id': duplicate key 'xian'"),
    ("unknown foreign key", CENTERS.replace(",local-news,\n", ",cctv,\n"),
     "centers.csv, line 3, column 'source_id': 'cctv' is not a known sources.id"),
    ("unknown key in a list", CENTERS.replace(",local-news\n", ",local-news;cctv\n"),
     "centers.csv, line 2, column 'extra_source_ids': 'cctv' is not a known sources.id"),
    ("empty file", "",
     "centers.csv: file is empty: expected a header row"),
    ("ragged row", CENTERS.replace("2021,false,,local-news,", "2021,false,local-news,"),
     "centers.csv, line 3: row has 7 fields, the header has 8"),
    ("wrong encoding", CENTERS.replace("xian,", "西安,").encode("gbk"),
     "centers.csv, line 2, column 'id': not UTF-8 text (byte 0xce); save the file as UTF-8"),
])
def test_malformed_table_gives_exact_message(tmp_path, case, centers, message):
    folder = make(tmp_path, **{"centers.csv": centers})
    catalog = load_catalog(folder)
    assert [str(e) for e in catalog.errors["centers"]] == [message], case
    assert "centers" not in catalog.tables
    assert "sources" in catalog.tables  # the other tables still load


def test_missing_file_is_named(tmp_path):
    folder = make(tmp_path)
    (folder / "centers.csv").unlink()
    assert errors_of(folder, "centers") == ["centers.csv: file not found"]


def test_broken_referenced_table_withdraws_its_dependants(tmp_path):
    folder = make(tmp_path, **{"sources.csv": "id,quality\nxinhua,Z\n"})
    catalog = load_catalog(folder)
    assert [str(e) for e in catalog.errors["sources"]] == [
        "sources.csv, line 2, column 'quality': 'Z' is not one of A, B, C"]
    assert [str(e) for e in catalog.errors["centers"]] == [
        "centers.csv, column 'source_id': cannot check foreign key to sources.id: table 'sources' failed to load",
        "centers.csv, column 'extra_source_ids': cannot check foreign key to sources.id: table 'sources' failed to load"]
    assert catalog.tables == {}


def test_byte_order_mark_is_accepted(tmp_path):
    folder = make(tmp_path, **{"sources.csv": "\ufeff" + SOURCES})
    assert load_catalog(folder).errors == {}


def test_missing_schema_file_is_a_schema_error(tmp_path):
    folder = make(tmp_path)
    (folder / "datasets.yml").unlink()
    with pytest.raises(SchemaError, match="datasets.yml: file not found in the data folder"):
        load_catalog(folder)


def test_schema_with_unknown_type_is_refused(tmp_path):
    folder = make(tmp_path, **{"datasets.yml": SCHEMA.replace("type: bool", "type: boolean")})
    with pytest.raises(SchemaError, match="centers.operating needs a type"):
        load_catalog(folder)


def test_data_error_text():
    assert str(DataError("a.csv", "rule", 3, "col")) == "a.csv, line 3, column 'col': rule"
    assert str(DataError("a.csv", "rule")) == "a.csv: rule"
