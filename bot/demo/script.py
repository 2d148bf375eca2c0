"""The demo's script: who says what, where and when. Each capability adds its scenes here."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Say:
    """`who` sends `text` at `at` (local time), in a private chat or in `group`."""

    at: str
    who: str
    text: str
    group: str | None = None
    photo: str | None = None  # a photo sent with the message (its file name)


@dataclass(frozen=True)
class RunJob:
    """A scheduled job runs at `at` (its module under scheduler/jobs), as the calendar would fire it."""

    at: str
    job: str
    title: str


@dataclass(frozen=True)
class Register:
    """`who` gets an invite code from the office and sends it to the bot."""

    at: str
    who: str


STRANGER = "陌生人"

Step = Say | Register | RunJob

SCRIPT: tuple[Step, ...] = (
    # Setting up: the office registers people with one-time codes; strangers are told how to register.
    Say("2026-03-02 08:50", STRANGER, "你好，我想报一下村里的情况"),
    Register("2026-03-02 09:00", "赵敏"),
    Register("2026-03-02 09:05", "陈国华"),
    Register("2026-03-02 09:10", "黄志明"),
    Register("2026-03-02 09:12", "何秀兰"),
    Register("2026-03-02 09:15", "郑大勇"),
    Register("2026-03-02 09:18", "孙立平"),
    Register("2026-03-02 09:20", "吴刚"),
    Register("2026-03-02 09:25", "马丽"),
    Say("2026-03-02 09:30", "赵敏", "帮助"),
    # Binding the village group chats: only leaders and the office may.
    Say("2026-03-02 09:40", "黄志明", "绑定 石门村", group="石门村工作群"),
    Say("2026-03-02 09:41", "陈国华", "绑定石门村", group="石门村工作群"),
    Say("2026-03-02 09:45", "赵敏", "/bind 柳溪", group="柳溪村党员群"),
    Say("2026-03-02 09:50", "赵敏", "绑定 青山镇", group="青山镇党建工作群"),
    Say("2026-03-02 10:00", "黄志明", "在吗"),
    # A month of reports: written as people talk, shown back, confirmed or corrected in plain words.
    Say("2026-03-20 19:30", "黄志明", "茶叶合作社这个月完成茶园改造80亩，累计完成40%，带动群众务工增收约3万元。"
        "存在问题：部分农户不愿流转土地。下步计划：4月完成春茶采摘加工。", group="石门村工作群", photo="茶园改造.jpg"),
    Say("2026-03-20 19:32", "黄志明", "进度改成45%", group="石门村工作群"),
    Say("2026-03-20 19:33", "黄志明", "确认", group="石门村工作群"),
    Say("2026-03-24 10:00", "何秀兰", "安全饮水工程3月份完成管网铺设2.5公里，进度约三分之一，到位资金50万元。"
        "存在问题：山区施工难度大，雨天无法作业。"),
    Say("2026-03-24 10:01", "何秀兰", "确认"),
    Say("2026-03-26 21:10", "郑大勇", "这个月把高山茶注册了商标在省茶博会上签了两单进度百分之二十下个月准备开网店"),
    Say("2026-03-26 21:12", "郑大勇", "好的"),
    Say("2026-03-27 09:00", "吴刚", "本月完成了12户房屋立面改造，进度30%", group="石门村工作群"),
    Say("2026-03-27 09:02", "吴刚", "2", group="石门村工作群"),
    Say("2026-03-27 09:03", "吴刚", "确认", group="石门村工作群"),
    Say("2026-03-28 15:00", "马丽", "老街人居环境整治本月清理垃圾10车，进度35%"),
    Say("2026-03-30 16:30", "陈国华", "未报"),
    Say("2026-03-31 18:00", "孙立平", "本月红色物业完成了3个小区的物业服务站建设，进度25%。"
        "问题是物业费收缴率低。下步计划：4月成立业主委员会。"),
    Say("2026-03-31 18:01", "孙立平", "确认"),
    Say("2026-04-02 09:00", "黄志明", "茶叶合作社3月份又完成改造20亩，累计进度50%", group="石门村工作群"),
    Say("2026-04-02 09:01", "黄志明", "确认", group="石门村工作群"),
    Say("2026-04-02 09:30", "陈国华", "台账"),
    Say("2026-04-02 09:40", "黄志明", "我的"),
    # Hand-offs (交办): one message, one numbered task per village; 签收, 进度, 延期, 办结, 验收 in chat.
    Say("2026-03-03 10:00", "陈国华", "各村书记本月底前上报集体经济收入台账"),
    Say("2026-03-03 10:05", "黄志明", "收到"),
    Say("2026-03-03 10:30", "何秀兰", "#2 收到，马上落实"),
    Say("2026-03-05 15:00", "陈国华", "@黄志明 请于3月12日前完成老街危房排查"),
    Say("2026-03-06 11:00", "黄志明", "#5 完成了50%，已排查两个组"),
    Say("2026-03-06 16:00", "郑大勇", "#3 申请延期到4月10日，合作社账目还在核对"),
    Say("2026-03-06 16:20", "陈国华", "#3 同意延期"),
    RunJob("2026-03-09 09:00", "task_reminders", "任务到期提醒"),
    Say("2026-03-11 17:30", "黄志明", "#5 已办结，排查出危房3处，已通知住户搬离"),
    Say("2026-03-11 18:00", "陈国华", "#5 验收通过"),
    RunJob("2026-03-28 09:00", "task_reminders", "任务到期提醒"),
    Say("2026-03-30 10:00", "黄志明", "#1 已办结，台账已上报"),
    Say("2026-03-30 10:10", "陈国华", "#1 退回，缺少村务监督委员会签字"),
    Say("2026-03-31 11:00", "黄志明", "#1 已办结，补齐了签字"),
    Say("2026-03-31 11:30", "陈国华", "#1 验收通过"),
    RunJob("2026-04-03 09:00", "task_reminders", "任务到期提醒"),
    Say("2026-04-03 10:00", "陈国华", "任务"),
    # Grid issues (网格事件): logged from the field, corrected, handled to closure; urgent ones go at once.
    Say("2026-03-04 16:20", "马丽", "老街有户人家门口垃圾堆了好几天没人清理，味道很大", photo="老街垃圾.jpg"),
    Say("2026-03-04 16:22", "马丽", "是一组"),
    Say("2026-03-05 09:10", "黄志明", "#E1 受理"),
    Say("2026-03-05 15:00", "马丽", "#E1 已办结，保洁员已清运"),
    Say("2026-03-06 10:00", "黄志明", "#E1 回访：住户满意"),
    Say("2026-03-14 23:40", "马丽", "紧急！二组老房子后面山体滑坡，落石砸到了屋后墙，里面还住着两位老人"),
    Say("2026-03-14 23:50", "黄志明", "#E2 受理，已带人去现场转移老人"),
    Say("2026-03-15 08:30", "黄志明", "#E2 已办结，两位老人已转移到亲戚家，已拉警戒线"),
    Say("2026-03-21 22:15", "马丽", "一组路边又有人乱堆垃圾，污水流到路上"),
    RunJob("2026-03-23 09:00", "issue_deadlines", "事件时限检查"),
    Say("2026-03-23 09:30", "陈国华", "事件"),
)
