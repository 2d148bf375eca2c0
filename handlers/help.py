"""Help and liveness: what the sender can do, by role."""
from __future__ import annotations

import re

from handlers.context import Context
from handlers.ports import DirectoryStore
from handlers.router import Router
from handlers.step_order import TextStep

router = Router()

ROLE_NAMES = {
    "county_leader": "县领导", "county_admin": "县管理员", "township_leader": "镇领导", "admin": "党建办",
    "secretary": "村书记", "contact_official": "包村干部", "grid_worker": "网格员", "supervisor": "督导",
}
_WORK_LOG = ("走访、会议、学习、值班等工作直接说，如“今天走访三组8户困难户”，"
             "我会整理成工作记录请您确认（只记台账，不计考核）")
_COMMON = ["“任务” 查看我的任务", "“网页” 获取网页版登录链接（私聊）", "“帮助” 查看本说明"]
_REPORTER = ["直接发本月项目进展，我会整理成月报请您确认；本月确无进展，发“本月暂无进展”即可，各项目一并登记",
             "“我的” 查看本村项目本月情况和待办任务",
             "收到任务回复“收到”，完成后回复“#编号 已办结”，需要延期回复“#编号 申请延期到X月X日”", _WORK_LOG]
_LEADER = ["交办任务：“@姓名 请于X月X日前……”或“各村书记本月底前……”", "“任务” 查看交办的任务，“任务 编号” 看详情",
           "“未报” 查看本月哪些村、哪些项目还没报", "“台账” 查看本月项目台账",
           "“绑定 村名” 把本群绑定到某村（在群里发）", "“日程” 查看和调整月初安排、月中督办等工作日程", _WORK_LOG]
_GRID = ["直接描述发现的问题（可带照片、位置），我会登记为网格事件", "“#E编号 已办结，……” 报告处置结果",
         "“事件” 查看本村未办结的事件", _WORK_LOG]
_ROSTER = ["私聊中维护名册：“新增人员 姓名 角色 村名”“停用 姓名”“邀请 姓名”或“邀请 某村全部”、"
           "“新增项目 编号 名称 村名”“把某某的工作交给某某”（先出卡片，回复“确认”执行）；“注销网页登录 姓名”"]
_COUNTY = ["在哪个镇的工作群里发言就按哪个镇办理；私聊时发“切换 镇名”换到另一个镇",
           "向各镇交办：“请各镇（街道）于X月X日前上报……”或“请某镇、某镇……”；“县交办” 查看各镇办理情况"]
_PASS_DOWN = "县里交办的任务：“#编号 分解到各村”给各村生成子任务；“县交办” 查看本镇情况"
_SUPERVISOR = ["“未报” 查看本月哪些村、哪些项目还没报", "“台账” 查看本月项目台账",
               "“事件” 查看未办结的网格事件（督导只查看，不修改）", "“县交办” 查看县里交办任务的办理情况"]
_BY_ROLE = {"county_leader": _LEADER + _COUNTY, "county_admin": _LEADER + _ROSTER + _COUNTY,
            "supervisor": _SUPERVISOR,
            "township_leader": _LEADER + ["“事件” 查看全镇未办结的网格事件", _PASS_DOWN],
            "admin": _LEADER + _ROSTER + [_PASS_DOWN],
            "secretary": _REPORTER + ["“#E编号 受理”“#E编号 回访：……” 办理网格事件"],
            "contact_official": _REPORTER, "grid_worker": _GRID}


@router.command("help", words=("帮助", "help", "菜单", "？", "?"))
async def help_(ctx: Context[DirectoryStore]) -> None:
    """List what this sender can do."""
    person = ctx.person
    lines = [f"{person.name}（{ROLE_NAMES.get(person.role, person.role)}），您可以发送："]
    lines += [f"· {item}" for item in _BY_ROLE.get(person.role, []) + _COMMON]
    ctx.reply("\n".join(lines))


@router.command("ping", words=("在吗",))
async def ping(ctx: Context[DirectoryStore]) -> None:
    """Answer that the bot is up."""
    ctx.reply("在的。")


_END = r"[\s！!。.~～]*$"
_THANKS = re.compile(r"^(?:(?:非常|十分)?(?:谢谢|感谢|多谢)(?:你|您|啦|了)?|辛苦了?|辛苦辛苦|麻烦(?:你|您)?了)" + _END)
_GREETING = re.compile(r"^(?:你好|您好|早上好|上午好|下午好|晚上好|hi|hello)" + _END, re.IGNORECASE)
_OK = re.compile(r"^(?:好的?|好嘞|嗯+|行|ok|明白了?|知道了|了解)" + _END, re.IGNORECASE)
# A cheer or thanks to everyone ("大家辛苦了，年底再加把劲") says nothing to act on; it is acknowledged, not parsed.
_CHEER = re.compile(r"辛苦了|加把劲|加油|再接再厉|继续努力|感谢大家|谢谢大家")
_CHEER_MAX = 60


@router.on_text(TextStep.SMALL_TALK)
async def small_talk(ctx: Context[DirectoryStore]) -> bool:
    """Thanks, a greeting or a bare "好的" that nothing else took: a short word back instead of "没有看懂"."""
    text = ctx.args.strip()
    if _THANKS.match(text):
        reply = "不客气！"
    elif _GREETING.match(text):
        reply = "您好！直接发消息说事即可，发送“帮助”查看可以做什么。"
    elif _OK.match(text):
        reply = "好的。"
    elif len(text) <= _CHEER_MAX and _CHEER.search(text) and (await ctx.parsed()).kind == "other":
        reply = "收到，谢谢！"
    else:
        return False
    if ctx.msg.addressed:
        ctx.reply(reply)
    return True
