"""Short citations for the "why" of each rule."""

from __future__ import annotations

BOOK = "ML System Design Interview"
RULES_OF_ML = "Rules of Machine Learning (Zinkevich)"
TEST_SCORE = "The ML Test Score (Breck et al.)"
TECH_DEBT = "Hidden Technical Debt in ML Systems (Sculley et al.)"
EXPERIMENTS = "Trustworthy Online Controlled Experiments (Kohavi, Tang, Xu)"


def book(chapter: int, topic: str = "") -> str:
    return f"{BOOK}, ch. {chapter}" + (f" ({topic})" if topic else "")


def rules_of_ml(number: int, topic: str = "") -> str:
    return f"{RULES_OF_ML}, rule #{number}" + (f" ({topic})" if topic else "")


def test_score(section: str) -> str:
    return f"{TEST_SCORE}, {section}"


def tech_debt(section: str) -> str:
    return f"{TECH_DEBT}, {section}"


def experiments(chapter: int, topic: str = "") -> str:
    return f"{EXPERIMENTS}, ch. {chapter}" + (f" ({topic})" if topic else "")
