"""Settings from the environment and `.env`: good values parse, each bad one names its variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import DEFAULT_DB, ConfigError, load_settings, parse_settings, read_dotenv

BAD_VALUES = [
    ("SUNBAE_TIMEZONE", "Mars/Base"),
    ("SUNBAE_DEV_GUILD", "abc"),
    ("SUNBAE_DEV_GUILD", "12345"),  # a number, but no Discord server id
    ("SUNBAE_LOG_LEVEL", "LOUD"),
    ("DISCORD_API_BASE", "ftp://x"),
    ("SUNBAE_LOOKUP_COOLDOWN", "-1"),
    ("SUNBAE_LOOKUP_COOLDOWN", "soon"),
    ("SUNBAE_TIP_GRACE_HOURS", "24"),
    ("DISCORD_GATEWAY_URL", "http://gateway.example"),
    ("DISCORD_TOKEN", "not a token"),
]
ALL_VARS = sorted({name for name, _ in BAD_VALUES} | {"SUNBAE_DB", "SUNBAE_CONTENT"})


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No sunbae variables from the developer's shell, and a working folder with no `.env`."""
    for name in ALL_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_defaults_when_nothing_is_set() -> None:
    settings = parse_settings({})
    assert settings.db_path == DEFAULT_DB
    assert settings.timezone == "Asia/Seoul"
    assert settings.log_level == "INFO"
    assert settings.dev_guild is None
    assert settings.lookup_cooldown == 3.0


def test_good_values_parse() -> None:
    settings = parse_settings(
        {
            "SUNBAE_DB": "/srv/sunbae/db.sqlite",
            "SUNBAE_CONTENT": "content/advice,extra",
            "SUNBAE_TIMEZONE": "Europe/Berlin",
            "SUNBAE_DEV_GUILD": "123456789012345678",
            "SUNBAE_LOG_LEVEL": "debug",
            "DISCORD_API_BASE": "http://127.0.0.1:8080/api/",
            "DISCORD_GATEWAY_URL": "ws://127.0.0.1:8080/gateway",
            "SUNBAE_LOOKUP_COOLDOWN": "0.5",
            "DISCORD_TOKEN": "x" * 24 + ".abc-def_ghi",
        }
    )
    assert settings.db_path == Path("/srv/sunbae/db.sqlite")
    assert settings.content_paths == (Path("content/advice"), Path("extra"))
    assert settings.timezone == "Europe/Berlin"
    assert settings.dev_guild == 123456789012345678
    assert settings.log_level == "DEBUG"
    assert settings.api_base == "http://127.0.0.1:8080/api"
    assert settings.gateway_url == "ws://127.0.0.1:8080/gateway"
    assert settings.lookup_cooldown == 0.5


@pytest.mark.parametrize(("name", "value"), BAD_VALUES)
def test_each_bad_value_names_its_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_settings({name: value})
    message = str(caught.value)
    assert message.startswith(f"{name}:")
    assert "\n" not in message
    if name != "DISCORD_TOKEN":  # a token is never echoed back
        assert value in message


@pytest.mark.parametrize(("name", "value"), BAD_VALUES[:5])
def test_cli_stops_with_one_line_and_exit_2(
    clean_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    value: str,
) -> None:
    monkeypatch.setenv(name, value)
    code = main(["stats", "--db", str(clean_env / "x.db")])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1, err
    assert name in lines[0]
    assert not (clean_env / "x.db").exists()  # stopped before touching the database


def test_bad_log_level_flag_exits_2(clean_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--log-level", "LOUD", "stats", "--db", str(clean_env / "x.db")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "--log-level" in err


def test_dotenv_parsing(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(
        "# sunbae settings\n"
        "\n"
        "export SUNBAE_TIMEZONE=Asia/Tokyo\n"
        'SUNBAE_DB="data/my db.sqlite"\n'
        "SUNBAE_LOG_LEVEL='warning'\n"
        "SUNBAE_LOOKUP_COOLDOWN=5 # seconds\n"
        "SUNBAE_CONTENT = content/advice \n",
        encoding="utf-8",
    )
    assert read_dotenv(env) == {
        "SUNBAE_TIMEZONE": "Asia/Tokyo",
        "SUNBAE_DB": "data/my db.sqlite",
        "SUNBAE_LOG_LEVEL": "warning",
        "SUNBAE_LOOKUP_COOLDOWN": "5",
        "SUNBAE_CONTENT": "content/advice",
    }
    settings = load_settings({}, dotenv=env)
    assert settings.timezone == "Asia/Tokyo"
    assert settings.db_path == Path("data/my db.sqlite")
    assert settings.log_level == "WARNING"
    assert settings.lookup_cooldown == 5.0


def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("SUNBAE_TIMEZONE=Asia/Tokyo\nSUNBAE_LOG_LEVEL=DEBUG\n", encoding="utf-8")
    settings = load_settings({"SUNBAE_TIMEZONE": "UTC"}, dotenv=env)
    assert settings.timezone == "UTC"
    assert settings.log_level == "DEBUG"


def test_missing_dotenv_is_fine(tmp_path: Path) -> None:
    assert read_dotenv(tmp_path / "nope.env") == {}
    assert load_settings({}, dotenv=tmp_path / "nope.env").timezone == "Asia/Seoul"


def test_malformed_dotenv_line_names_file_and_line(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("SUNBAE_TIMEZONE=UTC\njust some words\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.env:2: expected KEY=VALUE"):
        read_dotenv(env)


def test_a_dotenv_saved_by_windows_notepad_is_read_or_named(tmp_path: Path) -> None:
    # Saved as "UTF-8 with BOM", the first key read as '\ufeffDISCORD_TOKEN': silently not the
    # token, so `python -m bot` started the sandbox instead of the bot. Saved as UTF-16, the
    # reader stopped with a UnicodeDecodeError traceback.
    env = tmp_path / ".env"
    env.write_text("SUNBAE_TIMEZONE=Asia/Tokyo\nSUNBAE_LOG_LEVEL=DEBUG\n", encoding="utf-8-sig")
    assert read_dotenv(env) == {"SUNBAE_TIMEZONE": "Asia/Tokyo", "SUNBAE_LOG_LEVEL": "DEBUG"}
    assert load_settings({}, dotenv=env).timezone == "Asia/Tokyo"
    env.write_text("SUNBAE_TIMEZONE=Asia/Tokyo\n", encoding="utf-16")
    with pytest.raises(ConfigError, match=r"\.env: not UTF-8 text \(save it as UTF-8\)"):
        read_dotenv(env)


def test_a_bound_is_said_as_people_write_it() -> None:
    # 'expected a number from 1024 to 1.07374e+09': {:g} wrote the big bounds in exponent form.
    with pytest.raises(ConfigError, match=r"from 1024 to 1073741824, got '1'$"):
        parse_settings({"SUNBAE_MAX_FILE_BYTES": "1"})
    with pytest.raises(ConfigError, match=r"from 1 to 1000000, got '0'$"):
        parse_settings({"SUNBAE_MAX_VIEWS": "0"})
    with pytest.raises(ConfigError, match=r"from 0\.1 to 3600, got '0'$"):
        parse_settings({"SUNBAE_AUDIT_OUTBOX_SECONDS": "0"})


def test_bad_value_in_dotenv_stops_the_cli(
    clean_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (clean_env / ".env").write_text("SUNBAE_DEV_GUILD=abc\n", encoding="utf-8")
    code = main(["stats", "--db", str(clean_env / "x.db")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "SUNBAE_DEV_GUILD" in err


def test_db_flag_overrides_environment(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from_env = clean_env / "env.db"
    from_flag = clean_env / "flag.db"
    monkeypatch.setenv("SUNBAE_DB", str(from_env))
    # Neither exists: the reader names the one it would have read (and makes neither).
    assert main(["stats", "--json", "--db", str(from_flag)]) == 1
    assert f"no database at {from_flag}:" in capsys.readouterr().err
    # Without the flag the environment's path is used.
    assert main(["stats", "--json"]) == 1
    assert f"no database at {from_env}:" in capsys.readouterr().err
    assert not from_flag.exists() and not from_env.exists()


def test_insights_settings() -> None:
    assert parse_settings({}).insights and parse_settings({}).insights_retention_days == 90
    off = parse_settings({"SUNBAE_INSIGHTS": "off", "SUNBAE_INSIGHTS_RETENTION_DAYS": "30"})
    assert not off.insights and off.insights_retention_days == 30
    for bad in ({"SUNBAE_INSIGHTS": "maybe"}, {"SUNBAE_INSIGHTS_RETENTION_DAYS": "0"}):
        with pytest.raises(ConfigError, match=next(iter(bad))):
            parse_settings(bad)


def test_live_views_cap_setting() -> None:
    assert parse_settings({}).max_live_views == 1000
    assert parse_settings({"SUNBAE_MAX_VIEWS": "50"}).max_live_views == 50
    for bad in ("0", "many"):
        with pytest.raises(ConfigError, match="SUNBAE_MAX_VIEWS"):
            parse_settings({"SUNBAE_MAX_VIEWS": bad})
