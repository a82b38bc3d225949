"""Rules of step 6 about how an online experiment is randomised."""

from __future__ import annotations

from collections.abc import Iterator

from designdoc.review.rules.applies import cluster_unit
from designdoc.review.rules.context import Context, contains, keywords
from designdoc.review.rules.rule import WARNING, Hit, Rule
from designdoc.review.rules.sources import experiments
from designdoc.spec import numbers as fmt

AB_TEST = ("serving", "rollout", "ab_test")
# Systems where treated and control users draw on one pool: drivers, couriers, ad budgets.
MARKETPLACE_WORDS = keywords(
    "ride hailing | ride sharing | rideshare | ride share | food delivery | grocery delivery | "
    "courier | dispatch | marketplace | two sided | auction | surge pric | dynamic pric | "
    "driver supply | ad budget | advertiser budget"
)
INTERFERENCE_WORDS = keywords(
    "interference | spillover | spill over | switchback | switch back | cluster random | "
    "cluster level | city level | market level | region level | geo experiment | "
    "network effect | cannibali | budget split | budget splitting | shared supply"
)
JUDGEMENT_WORDS = keywords("fraud | abuse | spam | harmful | violat")
TEXT_SECTIONS = ("serving.rollout", "talking_points", "evaluation", "serving.notes")


def marketplace(ctx: Context) -> bool:
    """The system acts on a two-sided marketplace: it ranks, prices, matches or promises
    there. A detector of fraud or abuse on such a platform judges events, and is left out."""
    spec = ctx.spec
    framing = spec.framing
    texts = [
        spec.title,
        spec.summary,
        *spec.tags,
        spec.requirements.business_objective,
        framing.ml_objective,
        framing.output,
        framing.category_name,
    ]
    judges = contains(framing.ml_objective, JUDGEMENT_WORDS)
    return not judges and contains(" ".join(t for t in texts if t), MARKETPLACE_WORDS)


def _user_level_test(ctx: Context) -> bool:
    rollout = ctx.spec.serving.rollout
    test = rollout.ab_test if rollout else None
    return test is not None and not cluster_unit(test.unit)


def _tst006(ctx: Context) -> Iterator[Hit]:
    if ctx.topic("interference", "switchback", "network_effects"):
        return
    if ctx.mentions(INTERFERENCE_WORDS, TEXT_SECTIONS):
        return
    test = ctx.spec.serving.rollout.ab_test if ctx.spec.serving.rollout else None
    unit = test.unit if test and test.unit else "user"
    yield Hit(
        (*AB_TEST, "unit") if test and test.unit else AB_TEST,
        f"the A/B test randomises by {unit} in a two-sided marketplace: treated and control "
        "users share one pool of drivers, couriers or ad budget, so the difference is "
        "biased; say how interference is handled (switchback, city-level randomisation, or "
        "split budgets for ads) in serving.rollout.ab_test.notes",
    )


ICC_WORDS = keywords(
    "icc | intra cluster | intraclass | intra class | design effect | switchback | "
    "cuped | store days | region days | city days"
)
ICC_SECTIONS = ("serving.rollout.ab_test", "talking_points", "evaluation")


def cluster_arms(ctx: Context) -> tuple[str, float, float] | None:
    """A cluster test's unit, its clusters per arm and the users per arm it needs, when the
    spec gives both; None for a test of users."""
    rollout = ctx.spec.serving.rollout
    test = rollout.ab_test if rollout else None
    n = ctx.value("ab_sample_size")
    if test is None or not cluster_unit(test.unit) or test.units_per_day is None or not n:
        return None
    share = test.traffic.value if test.traffic is not None else 1.0
    return (test.unit or "unit").strip(), test.units_per_day.value * share / 2, n


def _tst007(ctx: Context) -> Iterator[Hit]:
    arms = cluster_arms(ctx)
    if arms is None or ctx.mentions(ICC_WORDS, ICC_SECTIONS):
        return
    unit, per_arm, n = arms
    bound = per_arm / n
    if bound >= ctx.threshold("cluster_icc_bound"):
        return
    yield Hit(
        (*AB_TEST, "units_per_day"),
        f"with {fmt.count(per_arm)} {unit}s per arm the test can detect its MDE only if "
        f"the {unit}s differ by an ICC under {bound:.2g} ({fmt.count(per_arm)} / "
        f"{fmt.count(n)} users per arm), and ICCs between {unit}s are commonly a few "
        f"percent; state the ICC, randomise {unit}-days (switchback), reduce the variance "
        "(CUPED, pairs), or accept a larger MDE",
    )


RULES = [
    Rule(
        "TST007",
        6,
        WARNING,
        "A cluster-randomised A/B test with too few clusters per arm for its MDE.",
        "When stores or cities are randomised, the clusters, not the users, are the sample: "
        "a few hundred of them detect only large effects unless they are nearly alike.",
        experiments(22, "randomisation units and clusters"),
        _tst007,
        applies=lambda c: cluster_arms(c) is not None,
        when="the A/B test randomises places or stores and says how many are in the test "
        "(units_per_day)",
        reads="serving.rollout.ab_test",
        thresholds=("cluster_icc_bound",),
    ),
    Rule(
        "TST006",
        6,
        WARNING,
        "A user-level A/B test in a two-sided marketplace and no word on interference.",
        "When both arms compete for the same supply or budget, a user-level test measures the "
        "treatment taking from control, not what launching it would do.",
        experiments(22, "leakage and interference between variants"),
        _tst006,
        applies=lambda c: marketplace(c) and _user_level_test(c),
        when="the design is a two-sided marketplace (ride-hailing, food delivery, ads "
        "auctions) and its A/B test randomises users, sessions or requests",
        reads="serving.rollout.ab_test",
    ),
]
