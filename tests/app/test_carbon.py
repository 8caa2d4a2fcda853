"""Test the lab's carbon-by-method calculator through its URL contract: the defaults, a deep
link that reopens every input, impossible inputs, a bad factor, and 简体."""

from streamlit.testing.v1 import AppTest

from atlas.build.numbers import fmt_amount
from atlas.calc.carbon import carbon_by_method
from atlas.i18n import translate
from tests.app.pages import open_page

LABELS = ("carbon.product_location", "carbon.ga", "carbon.mlco2")


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def kg(value: float, lang: str = "en") -> str:
    return fmt_amount(value, "kgCO2", digits=2, lang=lang)


def test_defaults_show_three_results_and_why_they_differ():
    at = open_page("views/lab.py", calc="carbon")
    assert not at.exception and not at.error
    shown = metrics(at)
    # 8 × 400 W, 100 h, 12 cores × 12 W, 64 GB, PUE 1.47, 2023 national factor 0.5306
    assert shown["This product, location-based"] == "262.69 kg CO₂"
    assert shown["Green Algorithms"] == "278.77 kg CO₂"
    assert shown["ML CO2 Impact"] == "169.79 kg CO₂"
    lines = " ".join(m.value for m in at.markdown)
    assert "Green Algorithms ×1.061: PUE 1.56" in lines and "ML CO2 Impact ×0.646" in lines
    assert "169.7920 kg unrounded, 169.79 kg shown" in lines
    assert at.selectbox(key="url_factor").value == "national-average-2023"
    assert any("published 2025-12-31" in c.value for c in at.caption)  # the factor's source line


def test_deep_link_reopens_every_input():
    link = {"gpus": "4", "gpu_w": "700", "job_h": "10", "cores": "32", "core_w": "10", "mem_gb": "512",
            "usage": "0.8", "dc_pue": "1.2", "green_share": "0.5", "ga_pue": "1.3", "psf": "2",
            "factor": "sichuan-2023", "basis": "market"}
    at = open_page("views/lab.py", calc="carbon", **link)
    assert not at.exception and not at.error
    for name in ("gpus", "gpu_w", "job_h", "cores", "core_w", "mem_gb", "usage", "dc_pue", "green_share", "ga_pue",
                 "psf"):
        assert at.number_input(key=f"url_{name}").value == float(link[name]), name
    assert at.selectbox(key="url_factor").value == "sichuan-2023"
    m = carbon_by_method(4, 700, 10, 32, 10, 512, 0.8, 1.2, 0.5, 0.1564, 1.3, 2)
    shown = metrics(at)
    assert shown["This product, market-based"] == kg(m.product.market_kg)
    assert shown["Green Algorithms"] == kg(m.green_algorithms.kg)
    assert shown["ML CO2 Impact"] == kg(m.ml_co2.kg)
    assert any("Sichuan 2023 · 0.1564 kg/kWh (MEE/NBS, grade B)" in o for o in at.selectbox(key="url_factor").options)


def test_impossible_inputs_get_messages_not_a_traceback():
    at = open_page("views/lab.py", calc="carbon", gpus="-3", dc_pue="0.5", job_h="9000")
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "Accelerators (GPUs) cannot be negative." in errors
    assert "PUE of the data center: PUE cannot be below 1" in errors  # which of the two PUEs
    assert "Runtime (h) must be between 0 and 8784" in errors
    assert not at.metric  # no result from impossible inputs


def test_unknown_factor_falls_back_with_a_notice():
    at = open_page("views/lab.py", calc="carbon", factor="atlantis-2099", basis="sideways")
    assert not at.exception and not at.error
    notices = " ".join(w.value for w in at.warning)
    assert "factor=atlantis-2099" in notices and "basis=sideways" in notices
    assert at.selectbox(key="url_factor").value == "national-average-2023"


def test_chinese_labels_and_figures():
    at = open_page("views/lab.py", calc="carbon", lang="zh-Hans", factor="yunnan-2021")
    assert not at.exception and not at.error
    shown = metrics(at)
    m = carbon_by_method(8, 400, 100, 12, 12, 64, 1.0, 1.47, 0.8, 0.1235)
    assert shown[translate("carbon.product_location", "zh-Hans")] == kg(m.product.location_kg, "zh-Hans")
    assert kg(m.ml_co2.kg, "zh-Hans").endswith("千克 CO₂")
    assert shown["ML CO2 Impact"] == kg(m.ml_co2.kg, "zh-Hans")
    assert translate("calc.carbon.title", "zh-Hans") in [h.value for h in at.header]
    assert any("云南 2021年 · 0.1235 千克/千瓦时（生态环境部/国家统计局，等级B）" in o
               for o in at.selectbox(key="url_factor").options)


def test_energy_page_links_to_the_calculator():
    at = open_page("views/energy.py")
    assert not at.exception
    links = [el for el in at.get("page_link") if "calc=carbon" in str(el.proto)]
    assert links and "lang=en" in str(links[0].proto)
