"""The embedded PostgreSQL's start-up (config/embedded_postgresql/server.py)."""

import json
import logging

import pytest

from config.embedded_postgresql.server import HANDLE_LIST, repair_handle_list

pytestmark = pytest.mark.django_db  # the suite's autouse fixtures read the network's settings


@pytest.mark.parametrize("written", ["", "[12, 3", "{}", "null"])
def test_an_unreadable_list_of_processes_is_reset_so_the_server_starts_again(tmp_path, caplog, written):
    """Ctrl-C on ``make run`` could leave the list empty, and every later start failed on it."""
    (tmp_path / HANDLE_LIST).write_text(written)
    with caplog.at_level(logging.WARNING, logger="config.embedded_postgresql.server"):
        repair_handle_list(tmp_path)
    assert json.loads((tmp_path / HANDLE_LIST).read_text()) == []
    assert "reset to an empty list" in caplog.text


def test_a_readable_list_or_none_is_left_as_it_is(tmp_path):
    repair_handle_list(tmp_path)  # no file yet: nothing to do
    assert not (tmp_path / HANDLE_LIST).exists()
    (tmp_path / HANDLE_LIST).write_text("[12, 345]")
    repair_handle_list(tmp_path)
    assert (tmp_path / HANDLE_LIST).read_text() == "[12, 345]"
