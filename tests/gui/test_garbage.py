"""The GUI thread's collector collects generation by generation, as Python would, never everything each second."""

from __future__ import annotations

import gc
import weakref

import pytest

from assetreg.gui.garbage import GuiThreadCollector


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


@pytest.fixture
def collector(qapp):
    was_enabled = gc.isenabled()  # left as found: other tests' windows rely on it staying off once they turn it off
    made = GuiThreadCollector(interval_ms=60_000)  # ticked by hand
    yield made
    if was_enabled:
        gc.enable()


def old_garbage() -> weakref.ref:
    node = Node()
    gc.collect()  # it survives a full collection, so it now sits in the oldest generation
    ref = weakref.ref(node)
    del node
    return ref


def test_young_objects_are_collected_when_enough_are_made(collector) -> None:
    gc.collect()
    young = Node()
    ref = weakref.ref(young)
    del young
    keep = [[] for _ in range(gc.get_threshold()[0] + 50)]  # enough new objects to make a young collection due
    collector._on_tick()
    assert ref() is None
    assert keep


def test_old_garbage_waits_for_a_collection_of_its_generation(collector) -> None:
    ref = old_garbage()
    keep = [[] for _ in range(gc.get_threshold()[0] + 50)]
    collector._on_tick()
    assert ref() is not None  # a young collection leaves the oldest generation alone
    for _ in range(gc.get_threshold()[2]):
        gc.collect(1)  # as many middle collections as make the oldest due
    collector._on_tick()
    assert ref() is None
    assert keep


def test_nothing_is_collected_before_it_is_due(collector) -> None:
    gc.collect()
    young = Node()
    ref = weakref.ref(young)
    del young
    collector._on_tick()  # a handful of new objects: no collection due yet
    assert ref() is not None
    gc.collect()
    assert ref() is None
