"""deploy/: the systemd units pass `systemd-analyze verify`, and the proxy examples forward exactly yuebao's routes."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.config import Settings
from bot.http import build_http
from storage.write_clock import WriteClock

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
UNITS = ("yuebao.service", "yuebao-backup.service", "yuebao-backup.timer")
INSTALLED = "/opt/yuebao/venv/bin/yuebao"  # where the units expect the program


def verify(units: dict[str, str], folder: Path) -> list[str]:
    """What `systemd-analyze verify` says about the units (file name → text); nothing for good units."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    # verify fails when ExecStart's program is missing: the installed one is stood in for by a script that is here.
    stand_in = folder / "bin" / "yuebao"
    stand_in.parent.mkdir(exist_ok=True)
    stand_in.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    stand_in.chmod(0o755)
    for name, text in units.items():
        (folder / name).write_text(text.replace(INSTALLED, str(stand_in)), encoding="utf-8")
    done = subprocess.run([analyze, "verify", "--man=no", *(str(folder / name) for name in units)],
                          capture_output=True, text=True, cwd=folder, timeout=60)
    # An unknown key or a bad value is only a warning (exit status 0): every line about these files counts.
    said = [line for line in (done.stdout + done.stderr).splitlines() if any(name in line for name in units)]
    return said + ([f"exit status {done.returncode}"] if done.returncode else [])


def shipped() -> dict[str, str]:
    """The unit files in deploy/."""
    return {name: (DEPLOY / name).read_text(encoding="utf-8") for name in UNITS}


def test_the_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    assert verify(shipped(), tmp_path) == []


@pytest.mark.parametrize(("wrong", "right"), [
    ("ProtectSystem=strict", "ProtectSytem=strict"),  # a misspelt key: the protection silently gone
    ("Restart=on-failure", "Restart=on-failur"),  # a value systemd cannot read
    (f"ExecStart={INSTALLED} run", "ExecStart=/opt/yuebao/bin/yuebao run"),  # a program that is not there
    ("OnCalendar=*-*-* 02:30:00 Asia/Shanghai", "OnCalendar=nightly at half past two"),
])
def test_the_check_catches_a_broken_unit(tmp_path: Path, wrong: str, right: str) -> None:
    units = {name: text.replace(wrong, right) for name, text in shipped().items()}
    assert units != shipped()
    assert verify(units, tmp_path) != []


def _service(name: str) -> dict[str, list[str]]:
    section, found = "", dict[str, list[str]]()
    for line in (DEPLOY / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Service" and "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            found.setdefault(key, []).append(value)
    return found


@pytest.mark.parametrize("name", ["yuebao.service", "yuebao-backup.service"])
def test_the_services_run_hardened_as_their_own_user(name: str) -> None:
    service = _service(name)
    for key, value in {"User": "yuebao", "EnvironmentFile": "/etc/yuebao/yuebao.env", "NoNewPrivileges": "yes",
                       "ProtectSystem": "strict", "PrivateTmp": "yes", "ProtectHome": "yes", "UMask": "0077",
                       "CapabilityBoundingSet": ""}.items():
        assert service.get(key) == [value], key
    # The settings' relative paths (./yuebao.db, ./yuebao-files) land in the one folder it may write.
    assert service["WorkingDirectory"] == ["/var/lib/yuebao"] and "/var/lib/yuebao" in service["ReadWritePaths"][0]
    assert Settings().database_url.startswith("sqlite+aiosqlite:///./") and Settings().files_dir.startswith("./")


def test_the_bot_restarts_after_a_failure_and_the_backup_runs_nightly() -> None:
    bot, backup = _service("yuebao.service"), _service("yuebao-backup.service")
    assert bot["ExecStart"] == [f"{INSTALLED} run"] and bot["Restart"] == ["on-failure"]
    assert backup["ExecStart"] == [f"{INSTALLED} backup --out /var/lib/yuebao/backups"]
    assert backup["Type"] == ["oneshot"] and "yuebao/backups" in backup["StateDirectory"][0].split()
    assert "Persistent=true" in (DEPLOY / "yuebao-backup.timer").read_text(encoding="utf-8")


def served() -> set[str]:
    """Every path `yuebao run` answers with all three platforms on."""
    on = SimpleNamespace(telegram=object(), wecom=object(), wechat=object(), transports={}, uow=None,
                         directories=None, clock=None, weights=None, db=SimpleNamespace(writes=WriteClock()),
                         settings=Settings(TELEGRAM_WEBHOOK_SECRET="s" * 16))
    return {route.path for route in build_http(on).routes}  # only what the routes read; /console is a mount


def test_the_proxy_examples_forward_exactly_what_yuebao_serves() -> None:
    upstream = f"{Settings().host}:{Settings().port}"  # the defaults, as .env.example has them
    caddy = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    matcher = re.search(r"@yuebao path (.+)", caddy)
    assert matcher is not None and set(matcher.group(1).split()) == served() | {"/console/*"}
    assert f"reverse_proxy {upstream}" in caddy
    nginx = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    location = re.search(r"location ~ (\S+) \{", nginx)
    assert location is not None and f"proxy_pass http://{upstream};" in nginx
    pattern = re.compile(location.group(1))  # nginx's PCRE and Python agree on this much
    assert all(pattern.fullmatch(path) for path in served())
    assert all(pattern.fullmatch(path) for path in ("/console/", "/console/login", "/console/static/console.css"))
    assert not any(pattern.fullmatch(path) for path in ("/", "/consoles", "/telegram/webhook/x", "/healthz.php"))
