"""The growth of a city's AI core industry that an investment in an intelligent computing
center is claimed to drive (the article's investment multiplier).

The package docstring (`atlas.calc`) gives the conventions: faults, division, sources.

The multiplier is the article's own figure, attributed to a guide whose readable copy could not
be found (research/facts.md §7); see `investment_multiplier`.
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.calc.inputs import InputError, amount_fault, every_fault, raise_first

# As claimed by the article, attributed to the 《智能计算中心创新发展指南》: at an 80 % application
# level (#37), ICC investment drives 2.9–3.4× growth of a city's AI core industry (#38). Not
# confirmed: only a page with broken encoding shows the numbers (facts §7).
ARTICLE_MULTIPLIER = {"multiplier_low": 2.9, "multiplier_high": 3.4, "application_level": 0.8}


@dataclass(frozen=True)
class MultiplierResult:
    """The range of AI-industry growth an investment is said to drive."""

    low_cny: float  # = investment × low multiplier
    high_cny: float  # = investment × high multiplier


def validate_multiplier(investment_cny: float, multiplier_low: float = 2.9,
                        multiplier_high: float = 3.4) -> list[InputError]:
    """Every fault of the inputs of `investment_multiplier`, in argument order (empty when all are valid).

    Parameters and rules are those of `investment_multiplier`; each input yields at most one
    fault (`not_a_number` before any range rule). A low multiplier above a valid high one is
    `too_large` on multiplier_low, with max = multiplier_high.
    """
    low = amount_fault("multiplier_low", multiplier_low)
    high = amount_fault("multiplier_high", multiplier_high)
    if low is None and high is None and multiplier_low > multiplier_high:
        low = InputError("multiplier_low", "too_large", max=float(multiplier_high))
    return every_fault(amount_fault("investment_cny", investment_cny), low, high)


def investment_multiplier(investment_cny: float, multiplier_low: float = 2.9,
                          multiplier_high: float = 3.4) -> MultiplierResult:
    """The growth of a city's AI core industry that an ICC investment is claimed to drive.

    Parameters
    ----------
    investment_cny : float
        Investment in an intelligent computing center, CNY (≥ 0).
    multiplier_low, multiplier_high : float
        Low and high multiplier, ratio (≥ 0, low ≤ high). Defaults: the article's 2.9 and 3.4.

    Returns
    -------
    MultiplierResult
        low_cny, high_cny (CNY).

    Raises
    ------
    InputError
        The first fault that `validate_multiplier` finds.

    Notes
    -----
    low = investment × multiplier_low; high = investment × multiplier_high.

    Read this with care. The article attributes "2.9–3.4× at an 80 % application level" to the
    《智能计算中心创新发展指南》 (Guide on Innovative Development of Intelligent Computing
    Centers; claims #37, #38). Outside sources could not confirm it: the only page found with
    the numbers has broken encoding and shows "2.9 … 3.4 … 36 … 42" with no readable context.
    A readable related claim says that at 80 % application, ICC investment contributes 14–17 %
    to innovation (facts §7). CAICT's rule of thumb that 1 CNY invested in compute brings 3–4 CNY
    of GDP (facts §4.1) measures GDP, not the AI core industry, so it does not confirm the
    2.9–3.4 either. The multiplier is a claimed economic effect, not a measurement, and nothing
    here checks that a center reaches 80 % application.

    References
    ----------
    .. [1] 《智能计算中心创新发展指南》, State Information Center, January 2023, as cited by the
       article (claims #37, #38); the figures were not found in a readable copy.

    Examples
    --------
    The 12.8 bn CNY of the Qingyang ICC (claim #26, confirmed): 12.8e9 × 2.9 = 37.12 bn;
    12.8e9 × 3.4 = 43.52 bn CNY.

    >>> r = investment_multiplier(12.8e9)
    >>> r.low_cny / 1e9, r.high_cny / 1e9
    (37.12, 43.52)
    """
    raise_first(validate_multiplier(investment_cny, multiplier_low, multiplier_high))
    return MultiplierResult(low_cny=float(investment_cny * multiplier_low),
                            high_cny=float(investment_cny * multiplier_high))
