"""How long a cluster needs to train a dense language model: 6 N D FLOPs at a share of its peak.

The package docstring (`atlas.calc`) gives the conventions: faults, division, sources.

The preset's model size is the article's own and was not confirmed by any other source
(research/facts.md §1 and §6 give the check of each claim).
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.calc.inputs import (
    InputError,
    amount_fault,
    every_fault,
    optional_fault,
    raise_first,
    share_fault,
)

SECONDS_PER_DAY = 86_400.0

# Sizes beyond any real system; above them an input is a typing error.
PARAMS_B_MAX = 100_000.0  # 100 trillion parameters, far beyond any model announced by 2025
TOKENS_B_MAX = 1_000_000.0  # 1,000 trillion tokens, far beyond any training set of 2025
PFLOPS_MAX = 1e7  # 10,000 EFLOPS: ~6× all of China's intelligent compute reported in early 2026
#                   (1,590 EFLOPS, facts §4.1)
CARD_PFLOPS_MAX = 1_000.0  # one accelerator at 1 EFLOPS; real cards are of the order of 1–10 PFLOPS


# The article: a 3-billion-parameter model (#1, not confirmed elsewhere) trained on the 300 P of
# the Xi'an Future AI Computing Center (#5, confirmed: 300 PFLOPS FP16, CRI 2021).
ARTICLE_TRAINING = {"params_b": 3.0, "pflops": 300.0}


@dataclass(frozen=True)
class TrainingResult:
    """The compute of one training run and how long a cluster needs for it."""

    flops: float  # = 6 N D, FLOP
    seconds: float  # wall-clock compute time on the whole cluster, s
    days: float  # = seconds / 86,400
    card_hours: float | None  # accelerator-hours at card_pflops; None when card_pflops is not given


def validate_training(params_b: float, tokens_b: float, pflops: float, mfu: float,
                      card_pflops: float | None = None) -> list[InputError]:
    """Every fault of the inputs of `training_time`, in argument order (empty when all are valid).

    Parameters and rules are those of `training_time`; each input yields at most one fault
    (`not_a_number` before any range rule).
    """
    return every_fault(
        amount_fault("params_b", params_b, positive=True, hi=PARAMS_B_MAX),
        amount_fault("tokens_b", tokens_b, positive=True, hi=TOKENS_B_MAX),
        amount_fault("pflops", pflops, positive=True, hi=PFLOPS_MAX),
        share_fault("mfu", mfu, positive=True),
        optional_fault(amount_fault, "card_pflops", card_pflops, positive=True, hi=CARD_PFLOPS_MAX),
    )


def training_time(params_b: float, tokens_b: float, pflops: float, mfu: float,
                  card_pflops: float | None = None) -> TrainingResult:
    """Compute needed to train a dense language model and the time a cluster takes for it.

    Parameters
    ----------
    params_b : float
        Model parameters N, billions (> 0, ≤ 100,000).
    tokens_b : float
        Training tokens D, billions (> 0, ≤ 1,000,000).
    pflops : float
        Peak compute of the cluster, PFLOPS at the training precision (> 0, ≤ 1e7).
    mfu : float
        Model FLOPs utilisation: the share of peak the run achieves, fraction (0 < mfu ≤ 1).
    card_pflops : float, optional
        Peak compute of one accelerator card, PFLOPS (> 0, ≤ 1,000). Give it to get card-hours.

    Returns
    -------
    TrainingResult
        flops (FLOP), seconds (s), days (d), card_hours (card-h, None without card_pflops).

    Raises
    ------
    InputError
        The first fault that `validate_training` finds.

    Notes
    -----
    FLOPs = 6 · N · D, with N = params_b · 1e9 and D = tokens_b · 1e9: about 2 FLOPs per
    parameter and token in the forward pass and 4 in the backward pass [1]_.

    seconds = FLOPs / (pflops · 1e15 · mfu); days = seconds / 86,400;
    card-hours = FLOPs / (card_pflops · 1e15 · mfu) / 3600.

    This is pure compute of one run. It leaves out data preparation, failed and repeated runs,
    hyper-parameter searches, evaluation, queueing on a shared cluster and the time to write
    the software. Dense transformer only; attention FLOPs at long context are neglected.

    The article says a 3-billion-parameter model took half a year on the 300 P center (claims
    #1, #2, #5; #1 and #2 are not confirmed elsewhere). The article gives no token count. At
    Hoffmann et al.'s compute-optimal 20 tokens per parameter [2]_ (60 billion tokens) the run
    needs 9,000 s at 40 % MFU (the worked example below): hours, not months. Filling half a
    year (15,768,000 s) at that MFU would take 6 · 3e9 · D = 15,768,000 · 1.2e17, i.e.
    D ≈ 105,000 billion tokens, about 35,000 tokens per parameter. So the half-year is most
    likely the whole project, not the compute; and the article's counterfactual "at least two
    years without this 300 P" (#3) cannot be checked without knowing the alternative hardware.

    References
    ----------
    .. [1] J. Kaplan et al., "Scaling Laws for Neural Language Models", arXiv:2001.08361, 2020:
       C ≈ 6 N D training FLOPs.
    .. [2] J. Hoffmann et al., "Training Compute-Optimal Large Language Models",
       arXiv:2203.15556, 2022: about 20 tokens per parameter is compute-optimal.
    .. [3] A. Chowdhery et al., "PaLM: Scaling Language Modeling with Pathways",
       arXiv:2204.02311, 2022: 46.2 % MFU for PaLM 540B, a high value for large runs.

    Examples
    --------
    3 B parameters, 60 B tokens, 300 PFLOPS at 40 % MFU: 6 × 3e9 × 60e9 = 1.08e21 FLOP;
    / (300e15 × 0.4 = 1.2e17 FLOP/s) = 9,000 s = 0.104 days. On cards of 1000/4096 PFLOPS
    (Pengcheng Cloud Brain II): 1.08e21 / (0.244140625e15 × 0.4) / 3600 = 3,072 card-hours.

    >>> r = training_time(3, 60, 300, 0.4, card_pflops=1000 / 4096)
    >>> r.flops, r.seconds, round(r.days, 3), r.card_hours
    (1.08e+21, 9000.0, 0.104, 3072.0)
    """
    raise_first(validate_training(params_b, tokens_b, pflops, mfu, card_pflops))
    flops = 6.0 * (params_b * 1e9) * (tokens_b * 1e9)
    # Divide by each input in turn rather than by their product: the product of two tiny
    # valid inputs could underflow to 0.
    seconds = flops / 1e15 / pflops / mfu
    card_hours = None if card_pflops is None else flops / 1e15 / card_pflops / mfu / 3600.0
    return TrainingResult(flops=flops, seconds=seconds, days=seconds / SECONDS_PER_DAY,
                          card_hours=card_hours)
