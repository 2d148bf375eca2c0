"""The county demo's script (`yuebao demo --county`): a quarter in 云岭县's three towns — villages report, towns
report on their own projects, the county hands a task to every town, each town confirms its month-end report
(月末报送) assembled for it, and on 10 April the county's 季通报 ranks the towns."""
from __future__ import annotations

from bot.demo.script import Register, Say, Step

END = "2026-04-10 12:00"  # after the county bulletin (the 10th of the quarter's first month)
COUNTY = ("罗建华", "林芳")
TOWNS = {"青山镇": ("陈国华", "赵敏"), "白沙镇": ("许海涛", "白雪"), "桃源乡": ("杨卫东", "朱婷")}
GRID = "马丽"
# Each village's secretary, project, and what they report in January, February and March (None: nothing).
VILLAGES: tuple[tuple[str, str, tuple[str | None, str | None, str | None]], ...] = (
    ("黄志明", "茶叶合作社", ("完成茶园改造30亩，进度10%", "完成茶园改造60亩，进度20%",
                         "完成茶园改造100亩，进度32%。存在问题：部分农户不愿流转土地")),
    ("何秀兰", "河道人居环境整治", ("清理河道垃圾8车，进度15%", "完成护岸500米，进度35%", "完成护岸1200米，进度55%")),
    ("郑大勇", "后备干部培养", ("确定培养对象6人，进度10%", None, "培养对象跟岗锻炼，进度25%")),
    ("孙立平", "积分超市", ("制定积分办法，进度15%", "建成积分超市，进度30%", "覆盖全部居民，进度45%")),
    ("宋春燕", "乡村旅游", ("完成旅游规划，进度10%", "完成游客中心选址，进度20%", "完成步道建设1公里，进度30%")),
    ("冯玉兰", "冷链仓储", ("完成冷库选址，进度10%", "完成冷库土建，进度20%", "冷库主体完工，进度30%")),
    ("田永强", "渡口安全治理", ("完成隐患排查，进度10%", "安装护栏200米，进度25%",
                          "救生设备配齐，进度40%。存在问题：汛期前资金缺口8万元")),
    ("邓小军", "道路硬化", ("完成路线勘测，进度10%", None, "完成路基1.5公里，进度25%")),
    ("唐慧", "网格化服务", ("划分网格8个，进度10%", "网格员上岗，进度20%", "建成网格服务站，进度25%")),
    ("吕建军", "桃花节品牌", ("完成品牌设计，进度8%", "筹备桃花节，进度15%", "举办桃花节接待游客1.2万人次，进度30%")),
    ("江月", "集体经济合作社", ("合作社注册完成，进度10%", "吸纳社员60户，进度18%", "首批订单签约，进度25%")),
    ("秦大山", "人居环境整治", ("清理垃圾10车，进度10%", "改厕20户，进度20%",
                           "改厕45户，进度35%。存在问题：部分群众积极性不高")),
    ("袁丽", "竹编产业", (None, "开办竹编培训班，进度10%", "成立竹编合作社，进度20%")),
    ("潘志远", "饮水安全", ("完成水源勘察，进度10%", "铺设管网1公里，进度25%", "铺设管网2公里，进度40%")),
    ("戴红梅", "红色教育基地", ("完成史料收集，进度10%", "完成展馆设计，进度18%", "展馆布展，进度25%")),
)
# The towns' own projects (乡镇党委书记项目), reported by each town's admin; 桃源乡 falls behind.
TOWN_PROJECTS = {
    "赵敏": ("茶旅融合党建示范带", ("完成示范带规划，进度10%", "建成党群服务驿站2个，进度20%",
                             "示范带串联5个村，进度30%")),
    "白雪": ("流动党员服务站", ("完成流动党员摸底，进度10%", "服务站挂牌，进度20%", "开展线上组织生活3次，进度28%")),
    "朱婷": ("农村社区党建提升", ("完成调研，进度5%", None, None)),
}
MONTHS = (("2026-01", "26"), ("2026-02", "25"), ("2026-03", "25"))
DUE_DAYS = ("2026-01-30", "2026-02-28", "2026-03-31")  # the last working days (28 February is a 调休 Saturday)


def _registrations() -> list[Step]:
    people = [*COUNTY, *(p for pair in TOWNS.values() for p in pair), *(s for s, _, _ in VILLAGES), GRID]
    return [Register(f"2026-01-05 09:{n:02d}", who) for n, who in enumerate(people)]


def _reports() -> list[Step]:
    steps: list[Step] = []
    for (_, day), month_no in zip(MONTHS, range(3), strict=True):
        for n, (who, project, said) in enumerate(VILLAGES):
            if said[month_no] is not None:
                at = f"2026-0{month_no + 1}-{day} {10 + n // 6}:{(n % 6) * 10:02d}"
                steps += [Say(at, who, f"{project}本月{said[month_no]}"), Say(at[:-1] + "1", who, "确认")]
        for n, (who, (project, said)) in enumerate(TOWN_PROJECTS.items()):
            if said[month_no] is not None:
                at = f"2026-0{month_no + 1}-{day} 15:{n * 10:02d}"
                steps += [Say(at, who, f"{project}本月{said[month_no]}"), Say(at[:-1] + "1", who, "确认")]
    return steps


def _month_end() -> list[Step]:
    """Each town's admin confirms the card that came at 09:00; 桃源乡 forgets in February and is reminded."""
    steps: list[Step] = []
    for month_no, day in enumerate(DUE_DAYS):
        for n, (town, (_, admin)) in enumerate(TOWNS.items()):
            if town == "桃源乡" and month_no == 1:
                steps.append(Say(f"{day} 17:10", admin, "确认报送"))  # after the 16:00 reminder: late
                continue
            if town == "白沙镇" and month_no == 2:
                steps.append(Say(f"{day} 10:20", admin, "报送补充：渡口救生设备已向县交通局申请补助"))
            steps.append(Say(f"{day} 10:{30 + n * 5}", admin, "确认报送"))
    return steps


SCRIPT: tuple[Step, ...] = (
    *_registrations(),
    Say("2026-01-05 10:00", "林芳", "帮助"),
    Say("2026-01-05 10:05", "赵敏", "日程"),
    *_reports(),
    *_month_end(),
    # The county hands a task to every town (#1 in each); 青山镇 passes it down to its villages and finishes in
    # time, 白沙镇 finishes late, 桃源乡 not at all; the county verifies and reads the roll-up.
    Say("2026-03-02 10:00", "林芳", "请各乡镇于3月20日前上报基层党建述职评议材料"),
    Say("2026-03-02 11:00", "赵敏", "收到"),
    Say("2026-03-02 11:05", "赵敏", "#1 转各村，3月13日前报镇"),
    Say("2026-03-03 09:30", "白雪", "#1 收到"),
    Say("2026-03-12 16:00", "黄志明", "#2 已办结，述职材料已报镇"),
    Say("2026-03-13 10:00", "何秀兰", "#3 已办结"),
    Say("2026-03-18 15:00", "赵敏", "#1 已办结，全镇述职评议材料已上报"),
    Say("2026-03-19 09:00", "林芳", "青山镇 #1 验收通过"),
    Say("2026-03-24 17:00", "白雪", "#1 已办结，材料已补齐上报"),
    Say("2026-03-25 10:00", "林芳", "县交办"),
    # A grid issue in 青山镇, handled in time.
    Say("2026-02-10 11:00", GRID, "二组有两户因为宅基地边界吵起来了，需要村里调解"),
    Say("2026-02-10 15:00", "黄志明", "#E1 受理"),
    Say("2026-02-11 16:00", "黄志明", "#E1 已办结，经村调委会调解双方已和解"),
    Say("2026-03-31 16:30", "林芳", "月末报送"),
    Say("2026-04-10 10:00", "罗建华", "帮助"),
)
