"""The test server itself: missing dynalite fails CI loudly, and the server never outlives a test."""

from pathlib import Path

import pytest

from tests.persistence.dynalite import admin_client, require_dynalite, running_dynalite


def test_without_dynalite_ci_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="CI must run the DynamoDB tests"):
        require_dynalite(tmp_path / "no-dynalite" / "cli.js", ci=True)


def test_without_dynalite_a_developer_run_skips_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(pytest.skip.Exception, match="make dynalite"):
        require_dynalite(tmp_path / "no-dynalite" / "cli.js", ci=False)


def test_the_server_answers_and_is_stopped_even_when_the_test_fails() -> None:
    require_dynalite()
    with pytest.raises(RuntimeError, match="a failing test"), running_dynalite() as (url, process):
        assert url.startswith("http://127.0.0.1:")
        assert admin_client(url).list_tables()["TableNames"] == []
        raise RuntimeError("a failing test")
    assert process.poll() is not None
