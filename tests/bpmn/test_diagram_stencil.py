"""A drawing picked from a model's pieces (drawn once per model) equals the whole tree drawn anew."""

import random

from bpmn.diagram import STATES, _render_whole, flow_node_ids, render_svg
from tests.bpmn.test_diagram import FIXTURE
from tests.support.models import every_model


def random_states(xml: str, seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    return {key: rng.choice(sorted(STATES)) for key in flow_node_ids(xml) if rng.random() < 0.7}


def test_pieces_equal_the_whole_drawing_for_mixed_states():
    for seed in range(40):
        states = random_states(FIXTURE, seed)
        assert render_svg(FIXTURE, states, title="测试阶段进度") == _render_whole(FIXTURE, states, "测试阶段进度")


def test_pieces_equal_the_whole_drawing_for_every_shipped_model():
    for seed, xml in enumerate(every_model().values()):
        for states in ({}, random_states(xml, seed)):
            assert render_svg(xml, states) == _render_whole(xml, states, "")
