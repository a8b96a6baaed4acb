"""The demo volume's outcomes: what happened to each case after its session."""

import datetime as dt
import random

from zhengxie.core.models import HandlingUnit

from .models import Action, ActionState, Case, CaseEvent, CaseSource, CaseState, Rating


def day(rng: random.Random, start: dt.date, low: int, high: int) -> dt.date:
    return start + dt.timedelta(days=rng.randint(low, high))


def events_and_outcomes(
    rng: random.Random, cases: list[Case], units: list[HandlingUnit]
) -> tuple[list, list, list]:
    """Each case's path as timeline rows, its agreed action and its ratings, dated after
    its session; resolved, rated and closed dates are set on the case before it is saved."""
    events, actions, ratings = [], [], []
    for case in cases:

        def step(action: str, state: str, on: dt.date, note: str = "", case=case) -> None:
            events.append(
                CaseEvent(case=case, action=action, to_state=state, note=note, occurred_on=on)
            )

        step("raise", CaseState.RAISED, case.raised_on, str(CaseSource(case.source).label))
        if case.state == CaseState.RAISED:
            continue
        step("accept", CaseState.ACCEPTED, case.raised_on + dt.timedelta(days=2), case.venue.name)
        session = getattr(case, "demo_session", None)
        if session is None:
            continue
        step("consult", CaseState.CONSULTING, session.held_on, f"召开协商会：{session.title}")
        if case.reopen_count:
            ratings.append(
                Rating(
                    case=case,
                    value="unsatisfied",
                    by_representatives=True,
                    comment="问题仍未解决",
                    rated_on=session.held_on + dt.timedelta(days=40),
                )
            )
            step(
                "reopen",
                CaseState.CONSULTING,
                session.held_on + dt.timedelta(days=40),
                "不满意 问题仍未解决",
            )
            continue
        if case.state == CaseState.CONSULTING:
            continue
        unit = rng.choice(units)
        # An acting case's action is still open; the others' was done on a day after it.
        done = None if case.state == CaseState.ACTING else day(rng, session.held_on, 10, 40)
        action = Action(
            committee_id=case.committee_id,
            case=case,
            session=session,
            responsible_unit=unit,
            responsible_name=unit.name,
            description=f"落实{case.title}整改",
            due_on=session.held_on + dt.timedelta(days=30),
            state=ActionState.DONE if done else ActionState.OPEN,
            done_on=done,
        )
        actions.append(action)
        step(
            "agree_action",
            CaseState.ACTING,
            session.held_on,
            f"{unit.name}负责：{action.description}",
        )
        if done is None:
            continue
        case.resolved_on = done
        step("action_done", CaseState.ACTING, done, f"已完成：{action.description}")
        step("resolve", CaseState.RESOLVED, done)
        if case.state == CaseState.RESOLVED:
            continue
        value = "satisfied" if rng.random() < 0.85 else "basic"
        rating = Rating(
            case=case, value=value, by_representatives=True, rated_on=done + dt.timedelta(days=3)
        )
        ratings.append(rating)
        step("rate", CaseState.RATED, rating.rated_on, rating.get_value_display())
        if case.state == CaseState.CLOSED:
            case.closed_on = rating.rated_on + dt.timedelta(days=3)
            step("close", CaseState.CLOSED, case.closed_on)
    return events, actions, ratings
