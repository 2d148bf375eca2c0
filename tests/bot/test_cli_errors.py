"""A configuration or environment problem is one Chinese line naming it and the fix, exit status 2, no traceback."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.support.cli import InProcess, Ran, yuebao
from tests.support.postgres import PostgresServer

FIX_IN_ENV = "请在环境变量或 .env 中改正。"


@pytest.fixture
def yb(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> InProcess:
    return InProcess(monkeypatch, capsys)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # free once the socket closes: nothing listens there


def _refused(ran: Ran, line: str) -> None:
    assert (ran.returncode, ran.stdout, ran.stderr) == (2, "", f"错误：{line}\n")


@pytest.mark.parametrize(("url", "line"), [
    ("sqlite:///y.db", "YUEBAO_DATABASE_URL 缺少异步驱动（sqlite:///y.db），请改为 sqlite+aiosqlite:///y.db。"),
    ("postgresql://yuebao:s3cret@db.example/yuebao",
     "YUEBAO_DATABASE_URL 缺少异步驱动（postgresql://yuebao:***@db.example/yuebao），"
     "请改为 postgresql+asyncpg://yuebao:***@db.example/yuebao。"),
    ("mysql+aiomysql://yuebao@db.example/yuebao",
     "YUEBAO_DATABASE_URL 用的是 mysql，本系统只支持 SQLite 和 PostgreSQL，"
     "请写成 sqlite+aiosqlite:///./yuebao.db 或 postgresql+asyncpg://用户:密码@主机/库名。"),
    ("postgresql+asyncpg//yuebao@db.example/yuebao",
     "YUEBAO_DATABASE_URL 不是有效的数据库地址，"
     "请写成 sqlite+aiosqlite:///./yuebao.db 或 postgresql+asyncpg://用户:密码@主机/库名。"),
])
def test_a_database_url_that_cannot_work_is_named_with_its_fix(yb: InProcess, url: str, line: str) -> None:
    _refused(yb("db", "upgrade", db=url), line + FIX_IN_ENV)


@pytest.mark.parametrize("command", [("db", "status"), ("invite", "王建国")])
def test_postgresql_not_running(yb: InProcess, command: tuple[str, ...]) -> None:
    url = f"postgresql+asyncpg://yuebao:s3cret@127.0.0.1:{_closed_port()}/yuebao"
    shown = url.replace("s3cret", "***")
    _refused(yb(*command, db=url), f"无法连接数据库 {shown}：连接被拒绝。"
                                   "请确认 PostgreSQL 已启动，并核对 YUEBAO_DATABASE_URL 中的主机和端口。")


def test_a_postgresql_database_that_does_not_exist(yb: InProcess, pg_server: PostgresServer | None) -> None:
    if pg_server is None:
        pytest.skip("PostgreSQL is not installed")
    url = pg_server.url("no_such_db")
    _refused(yb("db", "upgrade", db=url), f"数据库 no_such_db 不存在（{url}）。请先创建它，再运行 yuebao db upgrade。")


def test_a_sqlite_file_that_cannot_be_opened(yb: InProcess, tmp_path: Path) -> None:
    _refused(yb("db", "status", db=f"sqlite+aiosqlite:///{tmp_path}"),
             f"无法打开数据库文件 {tmp_path}。请确认它所在的文件夹存在且可写，或修改 YUEBAO_DATABASE_URL。")
    (tmp_path / "notes.txt").write_text("not a database\n" * 100, encoding="utf-8")
    _refused(yb("db", "status", db=f"sqlite+aiosqlite:///{tmp_path / 'notes.txt'}"),
             f"{tmp_path / 'notes.txt'} 不是 SQLite 数据库文件。请修改 YUEBAO_DATABASE_URL。")


def test_verbose_shows_the_failure_underneath_the_line(tmp_path: Path) -> None:
    url = f"postgresql+asyncpg://yuebao@127.0.0.1:{_closed_port()}/yuebao"
    loud = yuebao("-v", "db", "status", db=url, cwd=tmp_path)
    assert loud.returncode == 2 and "Traceback" in loud.stderr and "ConnectionRefusedError" in loud.stderr
    assert loud.stderr.splitlines()[-1].startswith(f"错误：无法连接数据库 {url}：连接被拒绝。")


@pytest.mark.parametrize(("dotenv", "line"), [
    (b"YUEBAO_ISSUE_AUTO_ACCEPT_HOURS=24h\n", "YUEBAO_ISSUE_AUTO_ACCEPT_HOURS 的值“24h”应为整数。" + FIX_IN_ENV),
    (b"YUEBAO_TIMEZONE=Beijing\n",
     "YUEBAO_TIMEZONE 的值“Beijing”不是时区，请写成 Asia/Shanghai 这样的名称。" + FIX_IN_ENV),
    (b"YUEBAO_SCORE_WEIGHTS=60,40\n",
     "YUEBAO_SCORE_WEIGHTS 的值“60,40”不对，应为三个非负数，如 60,25,15（项目、任务、事件的权重）。" + FIX_IN_ENV),
    ("# 本机配置\nYUEBAO_TIMEZONE=Asia/Shanghai\n".encode("gbk"),
     "无法读取 .env：它不是 UTF-8 编码的文本，请用 UTF-8 另存。"),
])
def test_a_bad_dotenv_is_named_with_its_fix(yb: InProcess, tmp_path: Path, dotenv: bytes, line: str) -> None:
    (tmp_path / ".env").write_bytes(dotenv)  # the tests run in tmp_path, where Settings() looks for .env
    _refused(yb("db", "status", db=tmp_path / "y.db"), line)


def test_a_port_out_of_range_in_the_environment(yb: InProcess, tmp_path: Path) -> None:
    _refused(yb("db", "status", db=tmp_path / "y.db", env={"YUEBAO_PORT": "80800"}),
             "YUEBAO_PORT 的值“80800”应不大于 65535。" + FIX_IN_ENV)


def test_a_port_in_use(yb: InProcess, tmp_path: Path) -> None:
    assert yb("db", "upgrade", db=tmp_path / "y.db").returncode == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ran = yb("run", "--port", str(port), db=tmp_path / "y.db")
    _refused(ran, f"无法在 127.0.0.1:{port} 上接收请求：端口已被占用。"
                  "请用 --host/--port（或 YUEBAO_HOST/YUEBAO_PORT）换一个，或先停止占用它的程序。")


def test_an_unwritable_out_is_refused_before_any_work(yb: InProcess, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    db = tmp_path / "y.db"
    _refused(yb("demo", "--out", str(blocker / "demo"), db=db),
             f"无法写入 {blocker / 'demo'}：路径中有一段是文件而不是文件夹。请用 --out 换一个可写的文件夹。")
    _refused(yb("export", "ledger", "--out", str(blocker / "q1.xlsx"), db=db),
             f"无法写入 {blocker}：已有同名的文件，不能用作文件夹。请用 --out 换一个可写的文件夹。")
    _refused(yb("export", "ledger", "--out", str(tmp_path), db=db), f"--out 应为文件名，而 {tmp_path} 是一个文件夹。")
    assert not db.exists()  # refused before the database was opened


@pytest.mark.parametrize("command", [
    ("import", "{missing}"),
    ("chat", "--as", "王建国", "--registry", "{missing}"),
    ("parse", "--registry", "{missing}", "--sender", "王建国", "本月完成60%"),
])
def test_a_missing_registry_file(yb: InProcess, tmp_path: Path, command: tuple[str, ...]) -> None:
    missing = tmp_path / "名册.yaml"
    ran = yb(*(part.format(missing=missing) for part in command), db=tmp_path / "y.db")
    _refused(ran, f"无法读取名册 {missing}：路径不存在。请检查文件路径。")


def test_parse_names_every_registry_problem_and_bad_arguments(yb: InProcess, tmp_path: Path) -> None:
    registry = tmp_path / "reg.yaml"
    registry.write_text("township: 云溪镇\nvillages: [{name: 云溪村}, {name: 云溪村}]\n"
                        "people: [{name: 甲, role: mayor}, {name: 乙, role: secretary}]\n", encoding="utf-8")
    ran = yb("parse", "--registry", str(registry), "--sender", "甲", "收到", db=tmp_path / "y.db")
    assert ran.returncode == 2 and ran.stderr.splitlines() == [
        f"错误：名册 {registry} 有 3 处错误，请改正后再试：",
        "  villages 第 2 项（云溪村）的 name：与第 1 项重复",
        "  people 第 1 项（甲）的 role：“mayor”不是可用的角色，"
        "可用：township_leader、admin、secretary、contact_official、grid_worker、supervisor",
        "  people 第 2 项（乙）的 village：角色 secretary 须填写所在村"]
    fixture = str(Path(__file__).resolve().parents[1] / "fixtures" / "township.yaml")
    _refused(yb("parse", "--registry", fixture, "--sender", "王小二", "收到", db=tmp_path / "y.db"),
             "名册中没有“王小二”，--sender 请用名册里的姓名。")
    _refused(yb("parse", "--registry", fixture, "--sender", "王建国", "--now", "昨天", "收到", db=tmp_path / "y.db"),
             "--now 应为 ISO 时间，如 2026-03-28T10:00，而不是“昨天”。")
