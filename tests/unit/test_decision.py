"""The placement's inputs on the shipped data: a decision maker's question never ends in n/a."""

import pandas as pd
import pytest

from atlas.build import decision
from atlas.calc.placement import rank_sites, west_vs_east
from atlas.data.store import Store


@pytest.fixture(scope="module")
def store():
    return Store()


def test_every_hub_has_every_input_cited(store):
    inputs = store.run("decision_inputs", ab_only=False, article=False)
    hubs = inputs[inputs["entity_kind"] == "hub"]
    assert hubs.groupby("field")["entity_id"].nunique().to_dict() == {f: 8 for f in decision.FIELDS}
    assert hubs["source_id"].notna().all() and hubs["grade"].isin(["A", "B", "C"]).all()
    assert hubs["claim_id"].isna().all()  # the article's claims only with the switch


def test_the_placement_answers_for_all_eight_hubs(store):
    inputs = store.run("decision_inputs", ab_only=False, article=False)
    placements = rank_sites(10, 8760, 200, decision.sites(inputs, "hub"))
    assert sorted(p.rank for p in placements) == list(range(1, 9))
    saving = west_vs_east(placements)
    assert saving.best_east is not None and saving.best_west is not None and saving.saving_cny > 0


def test_ab_only_names_what_it_drops(store):
    everything = store.run("decision_inputs", ab_only=False, article=False)
    kept = store.run("decision_inputs", ab_only=True, article=False)
    assert (kept["grade"] != "C").all()
    dropped = decision.changes(everything, kept)
    assert not dropped.empty and (dropped["grade"] == "C").all()
    # every grade-C figure in use is either replaced by an A/B one or leaves its cell empty
    for r in dropped.to_dict("records"):
        assert pd.isna(r["value_ab"]) or r["grade_ab"] in ("A", "B")


def test_provinces_are_priced_where_the_data_cover_them(store):
    inputs = store.run("decision_inputs", ab_only=False, article=False)
    provinces = inputs[inputs["entity_kind"] == "province"]
    assert provinces["entity_id"].nunique() == 31
    placements = rank_sites(10, 8760, 200, decision.sites(inputs, "province"), require_latency=False)
    priced = {p.hub_id for p in placements if p.cost_cny is not None}
    assert {"beijing", "hebei", "guangdong", "sichuan", "ningxia", "gansu"} <= priced
    assert all(p.rank for p in placements if p.cost_cny is not None)  # unknown latency: not checked, still ranked


def test_a_province_renewable_share_is_context_not_a_carbon_discount(store):
    inputs = store.run("decision_inputs", ab_only=False, article=False)
    green = inputs[(inputs["field"] == "green") & (inputs["kind"] != "green_electricity_pct")]
    assert not green.empty and not green["counts"].any()
    sites = {s.hub_id: s for s in decision.sites(inputs, "province")}
    assert sites["sichuan"].green == 0.0  # >70 % renewable is already in Sichuan's grid factor
