"""The worked example of each use-case calculator's docstring, and the calculator with its
validate_<name>, shared by the calculators' tests."""

from atlas.calc.inference import inference_capacity, validate_inference
from atlas.calc.investment import investment_multiplier, validate_multiplier
from atlas.calc.operations import (
    inspection,
    traffic_signals,
    validate_inspection,
    validate_traffic,
)
from atlas.calc.research import (
    protein_dataset,
    rnd_cycle,
    validate_protein,
    validate_rnd,
)
from atlas.calc.training import training_time, validate_training

# The worked example of each docstring, by parameter name.
WORKED = {
    "training": {"params_b": 3, "tokens_b": 60, "pflops": 300, "mfu": 0.4,
                 "card_pflops": 1000 / 4096},
    "inference": {"calls_per_day": 1_000_000, "tokens_per_call": 1000, "peak_share": 0.1,
                  "machine_tps": 8000, "users_per_machine": 158},
    "traffic": {"vehicles_per_peak_hour": 3000, "delay_min_per_vehicle": 2,
                "peak_hours_per_day": 4, "efficiency_gain": 0.33, "value_of_time_cny_per_h": 30,
                "maintenance_budget_cny": 10_000_000, "maintenance_saving": 0.45},
    "protein": {"complexes": 10_000, "card_hours_per_complex": 7.2, "cards": 1000,
                "before_days": 90},
    "rnd": {"months_before": 36, "months_after": 28, "monthly_program_cost_cny": 10_000_000},
    "inspection": {"events_per_day": 200, "minutes_per_event_before": 6, "speedup": 20,
                   "hazard_classes": 10},
    "multiplier": {"investment_cny": 12.8e9, "multiplier_low": 2.9, "multiplier_high": 3.4},
}
FUNCTIONS = {
    "training": (training_time, validate_training),
    "inference": (inference_capacity, validate_inference),
    "traffic": (traffic_signals, validate_traffic),
    "protein": (protein_dataset, validate_protein),
    "rnd": (rnd_cycle, validate_rnd),
    "inspection": (inspection, validate_inspection),
    "multiplier": (investment_multiplier, validate_multiplier),
}
