"""Reports as secretaries really send them: voice-typed run-ons, formal 月报, money said with 块, projects by nickname.

Text fields are compared as the corpus scorer compares them (PARSING.md, "Scoring"): a character-overlap F1 of at
least 0.8 over letters and digits, and None only matches None.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from handlers.parse import MessageParser
from handlers.registry import Registry
from handlers.registry_reader import registry_from_mapping
from tests.parse.conftest import at

F1_MIN = 0.8
NOW = at("2026-03-28 10:00")


def _chars(text: str | None) -> list[str]:
    return [c for c in unicodedata.normalize("NFKC", text or "") if unicodedata.category(c)[0] in "LN"]


def text_f1(got: str | None, want: str | None) -> float:
    """The scorer's character-overlap F1 (no spaces or punctuation); two empty texts agree."""
    a, b = _chars(got), _chars(want)
    if not a or not b:
        return 1.0 if not a and not b else 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def report_of(parser: MessageParser, registry: Registry, sender: str, text: str, now: dt.datetime = NOW) -> Any:
    person = registry.person(sender)
    assert person is not None, sender
    msg = parser.parse(text, person, now)
    assert msg.kind == "report", (msg.kind, msg.warnings)
    assert msg.report is not None
    return msg.report


def assert_sections(report: Any, done: str | None, problems: str | None, next_plan: str | None) -> None:
    """The report's three texts each match what is wanted as the corpus scorer compares them."""
    got = {"done": report.done, "problems": report.problems, "next_plan": report.next_plan}
    want = {"done": done, "problems": problems, "next_plan": next_plan}
    assert all(text_f1(got[k], want[k]) >= F1_MIN for k in want), got


# ---------------------------------------------------------------------------------------------------------------
# done / problems / next_plan (sender, text, done, problems, next_plan) on the 云溪镇 registry
# ---------------------------------------------------------------------------------------------------------------

VOICE = [
    # problems at 就是…不太够 / 还差, the plan at 下个月想
    ("黄志勇", "这个月光伏板又装了一批组件约1400块现在进度百分之六十就是资金有点不太够还差十来万下个月想把并网手续跑下来",
     "光伏板又装了一批组件约1400块", "资金有点不太够还差十来万", "把并网手续跑下来"),
    ("唐金山", "养蜂这块这个月新分了八十箱蜂带动了十二户现在完成了一半还差一个摇蜜车间没建好准备下个月动工",
     "新分了八十箱蜂带动了十二户", "还差一个摇蜜车间没建好", "下个月动工"),
    # 缺 starts the problem, 打算 the plan
    ("罗斌", "驿站这个月给老人代办了三十多件事新添了两台血压计缺一个专门值班的人打算跟镇里申请一个公益岗",
     "给老人代办了三十多件事新添了两台血压计", "缺一个专门值班的人", "跟镇里申请一个公益岗"),
    # 卡在 / 接下来
    ("唐金山", "农房风貌这块外墙刷了二十三户屋顶改了八户整体进度百分之四十卡在有几户不愿意拆旧棚子接下来挨家挨户再做工作",
     "外墙刷了二十三户屋顶改了八户", "卡在有几户不愿意拆旧棚子", "挨家挨户再做工作"),
    # 不太好弄 / 争取
    ("罗永红", "茶旅示范带这个月游步道修了八百米观景台也立起来了游客中心的审批不太好弄争取五月份开业",
     "游步道修了八百米观景台也立起来了", "游客中心的审批不太好弄", "五月份开业"),
    # 迎接…验收 is the plan
    ("黄志勇", "光伏电站这个月发电收入一万三左右运行正常接下来准备迎接县里的年度验收",
     "发电收入一万三左右运行正常", None, "迎接县里的年度验收"),
    ("马晓东", "网格化治理这块这个月把第三网格的楼栋长都配齐了还差第二网格两个楼栋长没人愿意干下个月想通过党员带头来解决",
     "把第三网格的楼栋长都配齐了", "还差第二网格两个楼栋长没人愿意干", "通过党员带头来解决"),
    ("罗斌", "红色驿站本月接待办事群众两百多人次进度差不多百分之七十下步打算增加夜间服务时段",
     "接待办事群众两百多人次", None, "增加夜间服务时段"),
    ("唐金山", "蜂场这个月割了一次蜜卖了两千多斤就是销路还不太稳定打算在网上开个店",
     "割了一次蜜卖了两千多斤", "销路还不太稳定", "在网上开个店"),
    ("黄志勇", "这个月主要是把光伏的围栏做好了也装了监控摄像头进度百分之九十争取年底前迎接验收",
     "把光伏的围栏做好了也装了监控摄像头", None, "年底前迎接验收"),
    # "10月份计划…" is a plan, not work done
    ("罗永红", "茶旅这块本月采茶体验接待了六批游客10月份计划开通到县城的旅游专线",
     "采茶体验接待了六批游客", None, "开通到县城的旅游专线"),
    ("罗斌", "驿站这个月把助老餐桌办起来了每天有二十来个老人吃饭缺的是一个固定的厨师准备跟村里商量解决",
     "把助老餐桌办起来了每天有二十来个老人吃饭", "缺的是一个固定的厨师", "跟村里商量解决"),
    ("黄志勇", "光伏这个月收益两万一千块比上个月多了三千就是有两块板子被冰雹打坏了准备找保险公司理赔",
     "收益两万一千块比上个月多了三千", "有两块板子被冰雹打坏了", "找保险公司理赔"),
    ("唐金山", "风貌提升这个月完成了样板房三栋群众反映挺好还差二十来万的资金缺口下个月想去县住建局跑一跑",
     "完成了样板房三栋群众反映挺好", "还差二十来万的资金缺口", "去县住建局跑一跑"),
    # a figure inside a sentence stays in it
    ("黄志勇", "本月完成了三分之二的支架安装剩下的等钢材到了再装钢材还差二十吨准备下周去催",
     "完成了三分之二的支架安装剩下的等钢材到了再装", "钢材还差二十吨", "下周去催"),
    ("罗永红", "饮水这块这个月把百分之六十的老管网换掉了剩下的山上那段不太好弄接下来集中力量攻坚",
     "把百分之六十的老管网换掉了", "剩下的山上那段不太好弄", "集中力量攻坚"),
    ("唐金山", "这个月蜂箱又添了五十箱，就是蜂蜜不太好卖，准备搞个直播带货试试",
     "蜂箱又添了五十箱", "蜂蜜不太好卖", "搞个直播带货试试"),
    ("罗斌", "驿站这个月新装了空调和饮水机，老人们都说好。就是经费有点难，打算向镇里申请一点。",
     "新装了空调和饮水机，老人们都说好", "经费有点难", "向镇里申请一点"),
    ("马晓东", "网格这块本月排查隐患十二处已整改十处剩下两处缺资金接下来想办法筹钱",
     "排查隐患十二处已整改十处", "剩下两处缺资金", "想办法筹钱"),
    ("唐金山", "样板房这边这个月又完成了五户大家积极性很高下个月想把村口那几户也弄了",
     "又完成了五户大家积极性很高", None, "把村口那几户也弄了"),
    ("罗永红", "茶旅示范带这个月开了一场采茶节来了三千多人就是停车位有点不太够准备在村部旁边再平整一块地",
     "开了一场采茶节来了三千多人", "停车位有点不太够", "在村部旁边再平整一块地"),
    ("罗斌", "本月驿站主要搞了两场义诊还有一场政策宣讲进度大概百分之八十接下来准备年底验收",
     "搞了两场义诊还有一场政策宣讲", None, "年底验收"),
    ("唐金山", "风貌改造这个月完成十八户卡在钢材涨价了预算不太够打算调整一下方案",
     "完成十八户", "卡在钢材涨价了预算不太够", "调整一下方案"),
]

# The same kind of report, once read as issues by the kind decision (纠纷/饮水/手续/电费 are issue words): work done
# in the month or on a project, then what comes next, is a report's shape (handlers/parse/intent.py).
REPORT_SHAPED = [
    # 有点难 / 准备; the month in the middle of a sentence is not where the work starts (nothing before it is cut)
    ("马晓东", "邻里守望这个月组织了三次夜间巡逻调解了两起邻里纠纷就是网格员人手不太够下个月想再招两个志愿者",
     "组织了三次夜间巡逻调解了两起邻里纠纷", "网格员人手不太够", "再招两个志愿者"),
    ("罗永红", "饮水工程这个月管子铺了两公里多入户的水表装了六十户山上那几户地势高加压有点难准备再上一台加压泵",
     "管子铺了两公里多入户的水表装了六十户", "山上那几户地势高加压有点难", "再上一台加压泵"),
    ("马晓东", "这个月调解纠纷五起化解了四起还有一起宅基地的卡在两家都不让步接下来请镇司法所来帮忙",
     "调解纠纷五起化解了四起", "还有一起宅基地的卡在两家都不让步", "请镇司法所来帮忙"),
    ("许文", "许文报一下饮水这块水厂的过滤设备这个月到位了调试了一周水质检测合格了争取月底前正式供水",
     "水厂的过滤设备这个月到位了调试了一周水质检测合格了", None, "月底前正式供水"),
    ("黄志勇", "光伏二期的选址定下来了，10月份计划开工建设，就是用地手续还差一个林业的审批",
     "光伏二期的选址定下来了", "用地手续还差一个林业的审批", "开工建设"),
    ("罗永红", "饮水工程这个月主要是搞了水源地的保护围网还差最后一段没完工争取下个月中旬全部完成",
     "搞了水源地的保护围网", "还差最后一段没完工", "下个月中旬全部完成"),
    ("黄志勇", "光伏这块现在总共装了四百块板子发了八万多度电问题是电费结算有点慢下个月想去供电所对接一下",
     "总共装了四百块板子发了八万多度电", "电费结算有点慢", "去供电所对接一下"),
]

FORMAL = [
    # the 【…】 header and the names after it are no work done
    ("黄志勇", "【3月月报】双河村 光伏发电增收项目\n一、本月进展：完成组件安装1400块，并网线路架设完毕，进度60%。\n"
     "二、存在问题：并网审批慢。\n三、下步计划：争取4月底前并网发电。",
     "完成组件安装1400块，并网线路架设完毕", "并网审批慢", "争取4月底前并网发电"),
    ("马晓东", "【3月月报】白沙社区 “邻里守望”社区网格化治理\n本月进展：开展邻里节活动1场，参与居民300余人。\n"
     "存在问题：老旧小区物业缺位。\n下步计划：推动成立业主委员会。",
     "开展邻里节活动1场，参与居民300余人", "老旧小区物业缺位", "推动成立业主委员会"),
    ("唐金山", "【3月月报】枫林村 生态养蜂合作社\n1.本月完成蜂箱更新120箱，社员增加8户；\n2.存在困难：蜂药价格上涨；\n"
     "3.下月计划：组织社员到外地学习。",
     "本月完成蜂箱更新120箱，社员增加8户", "蜂药价格上涨", "组织社员到外地学习"),
    ("罗斌", "石桥村红色驿站3月份工作进展\n一是完成驿站服务清单公示；二是开展代办服务46件。\n存在问题：志愿者流动性大。\n"
     "下步打算：建立志愿服务积分制度。",
     "一是完成驿站服务清单公示；二是开展代办服务46件", "志愿者流动性大", "建立志愿服务积分制度"),
    ("罗永红", "【3月月报】云溪村 饮水安全巩固提升工程\n工作进展：新建蓄水池1座，更换老化管网3.2公里，整体进度75%。\n"
     "困难和问题：部分农户水费收缴难。\n下一步：建立管水员制度，4月底前完成验收准备。",
     "新建蓄水池1座，更换老化管网3.2公里", "部分农户水费收缴难", "建立管水员制度，4月底前完成验收准备"),
    # the header runs into the text on one line
    ("黄志勇", "【3月月报】双河村 光伏发电增收项目 本月完成支架基础浇筑86个，进度30%，下月计划安装组件。",
     "本月完成支架基础浇筑86个，进度30%", None, "安装组件"),
    ("唐金山", "【3月月报】枫林村 农房风貌提升工程：本月完成立面改造15户，拆除违建棚舍6处。存在问题：工匠紧缺。"
     "下步计划：4月份完成剩余12户改造。",
     "完成立面改造15户，拆除违建棚舍6处", "工匠紧缺", "4月份完成剩余12户改造"),
    # 存在问题：无 says there is none
    ("黄志勇", "双河村光伏发电增收项目3月份进展情况：一、组件全部安装到位；二、完成并网调试。存在问题：无。下步工作：做好日常运维。",
     "一、组件全部安装到位；二、完成并网调试", None, "做好日常运维"),
    ("马晓东", "白沙社区3月份工作汇报\n一、工作进展\n完成网格员培训1期，更新居民信息台账860户。\n二、存在的困难\n"
     "社区办公经费紧张。\n三、下步工作计划\n开展“网格议事会”试点。",
     "完成网格员培训1期，更新居民信息台账860户", "社区办公经费紧张", "开展“网格议事会”试点"),
    ("罗永红", "【3月月报】云溪村 茶旅融合示范带\n一、本月进展：完成茶园观光步道1.5公里，新增民宿2家。\n二、存在问题：无\n"
     "三、下步计划：迎接县文旅局4月中旬验收。",
     "完成茶园观光步道1.5公里，新增民宿2家", None, "迎接县文旅局4月中旬验收"),
    ("唐金山", "3月份养蜂合作社情况汇报：新增社员6户，购置摇蜜机2台，进度约五成。下月打算：举办蜂蜜品鉴会。",
     "新增社员6户，购置摇蜜机2台", None, "举办蜂蜜品鉴会"),
    # the 【…】 title on a line of its own, the names on the next
    ("唐金山", "【3月月报】\n枫林村 农房风貌提升工程\n本月进展：完成样板房改造6户，进度20%。\n下步计划：4月完成10户。",
     "完成样板房改造6户", None, "4月完成10户"),
    ("罗永红", "【3月月报】云溪村 党建引领茶旅融合示范带建设 本月新建观景台1处，进度40%，存在问题：游客停车难。",
     "新建观景台1处，进度40%", "游客停车难", None),
    ("罗斌", "【3月月报】石桥村 红色驿站\n本月进展：驿站累计服务群众520人次，代办事项38件。\n"
     "存在问题：驿站面积小，活动场地不足。\n下月计划：争取上级资金扩建活动室。",
     "驿站累计服务群众520人次，代办事项38件", "驿站面积小，活动场地不足", "争取上级资金扩建活动室"),
]


@pytest.mark.parametrize(("sender", "text", "done", "problems", "next_plan"), VOICE + FORMAL,
                         ids=[c[1][:20] for c in VOICE + FORMAL])
def test_report_sections(parser: MessageParser, registry: Registry, sender: str, text: str,
                         done: str | None, problems: str | None, next_plan: str | None) -> None:
    assert_sections(report_of(parser, registry, sender, text), done, problems, next_plan)


@pytest.mark.parametrize(("sender", "text", "done", "problems", "next_plan"), REPORT_SHAPED,
                         ids=[c[1][:20] for c in REPORT_SHAPED])
def test_report_shaped_messages_are_reports_with_their_sections(
        parser: MessageParser, registry: Registry, sender: str, text: str,
        done: str | None, problems: str | None, next_plan: str | None) -> None:
    assert_sections(report_of(parser, registry, sender, text), done, problems, next_plan)


# ---------------------------------------------------------------------------------------------------------------
# amounts: 块 as money or as a measure word
# ---------------------------------------------------------------------------------------------------------------

AMOUNTS = [
    # a count noun before the number, or after 块: a measure word
    ("黄志勇", "这个月光伏板又装了一批组件约1400块进度百分之六十", []),
    ("黄志勇", "本月完成组件安装1400块，进度60%。", []),
    ("唐金山", "样板房这边拉了砖三千块进度百分之三十", []),
    ("罗斌", "驿站门口挂了两块牌子，进度百分之五十", []),
    ("唐金山", "风貌改造这个月换了二十块瓦，进度四成", []),
    ("罗永红", "示范带步道铺了三百块石头，进度百分之四十", []),
    ("黄志勇", "光伏这块现在总共装了四百块板子进度百分之七十", []),
    ("唐金山", "农房改造买了两千块砖，进度百分之二十", []),
    ("罗永红", "茶旅示范带做了12块展板，进度百分之三十", []),
    ("黄志勇", "光伏板共计1.2万块全部到货，进度百分之五十", []),
    ("罗永红", "示范带新开了三块观景平台，进度百分之六十", []),
    ("唐金山", "这个月贴了两千块瓷砖，进度三成", []),
    # a money word before the number, or money after 块: a sum of money
    ("黄志勇", "光伏这块一桶能省五百块现在进度百分之五十", [500]),
    ("罗永红", "茶旅示范带带动种茶一亩多挣八百块，进度百分之四十", [800]),
    ("唐金山", "养蜂合作社给社员每户补贴两百块，进度百分之三十", [200]),
    ("罗永红", "饮水工程请了小工一天工钱一百五十块，进度百分之五十", [150]),
    ("唐金山", "蜂蜜卖了三千块，进度百分之四十", [3000]),
    ("罗斌", "驿站花了八百块买桌椅，进度百分之六十", [800]),
    ("唐金山", "合作社这个月赚了两千多块，进度五成", [2000]),
    ("罗斌", "驿站每个月电费三百块，进度百分之七十", [300]),
    ("唐金山", "一箱蜜能卖三百块，进度百分之四十", [300]),
    ("黄志勇", "一块板子一年能赚二十块，进度百分之八十", [20]),
    ("唐金山", "拉了三千块砖花了两千块，进度百分之二十", [2000]),
    ("罗永红", "示范带门票三十块一张，进度百分之九十", [30]),
    ("罗斌", "驿站爱心人士捐了一千块，进度百分之六十", [1000]),
    ("唐金山", "蜂蜜每斤能多卖五块，进度五成", [5]),
    ("罗永红", "饮水工程省了两千块的运费，进度百分之八十", [2000]),
    ("黄志勇", "光伏一个月能多收入六百块，进度百分之八十五", [600]),
    ("罗斌", "驿站一年租金八千块，进度百分之七十", [8000]),
    ("唐金山", "村里出了三万块改造样板房，进度百分之四十", [30000]),
    ("罗永红", "每户投入五百块钱，进度百分之五十", [500]),
    ("黄志勇", "光伏电站这个月发电收入一万三左右运行正常进度百分之六十", [13000]),
]


@pytest.mark.parametrize(("sender", "text", "values"), AMOUNTS, ids=[c[1][:20] for c in AMOUNTS])
def test_report_amounts(parser: MessageParser, registry: Registry, sender: str, text: str, values: list[int]) -> None:
    report = report_of(parser, registry, sender, text)
    assert sorted(a.value for a in report.amounts) == values


# ---------------------------------------------------------------------------------------------------------------
# projects: nicknames, passing mentions, no-progress texts
# ---------------------------------------------------------------------------------------------------------------

# A township of our own whose titles and categories say different things (PARSING.md, "Project").
CHASHAN: dict[str, Any] = {
    "township": "白云镇",
    "timezone": "Asia/Shanghai",
    "villages": [{"name": "茶山村", "aliases": ["茶山"], "grids": ["一组"]},
                 {"name": "柳湾村", "aliases": ["柳湾"], "grids": ["一组"]}],
    "people": [{"name": "方志明", "role": "secretary", "village": "茶山村"},
               {"name": "陶红", "role": "secretary", "village": "柳湾村"}],
    "projects": [
        {"id": "CS-01", "title": "利用闲置校舍建设茶叶加工厂", "village": "茶山村", "category": "村集体经济"},
        {"id": "CS-02", "title": "茶山村人居环境整治提升", "village": "茶山村", "category": "人居环境", "kind": "led_matter"},
        {"id": "CS-03", "title": "茶园观光步道建设", "village": "茶山村", "category": "乡村旅游"},
        {"id": "LW-01", "title": "柳湾村稻虾共养产业基地", "village": "柳湾村", "category": "产业发展"},
        {"id": "LW-02", "title": "党建引领移风易俗", "village": "柳湾村", "category": "移风易俗"},
    ],
}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def parsers(parser: MessageParser) -> dict[str, MessageParser]:
    """Parsers of the 云溪镇 registry, the project's own township fixture (响肠镇) and 白云镇."""
    township = registry_from_mapping(yaml.safe_load((FIXTURES / "township.yaml").read_text(encoding="utf-8")))
    return {"云溪镇": parser, "响肠镇": MessageParser(township), "白云镇": MessageParser(registry_from_mapping(CHASHAN))}


PROJECTS = [
    # nicknames: the meaning-bearing words of the title, or its category
    ("白云镇", "方志明", "老学校改的那个茶厂这个月机器装好了进度百分之七十", "CS-01"),
    ("白云镇", "方志明", "茶厂那边本月收了两万斤鲜叶进度六成", "CS-01"),
    ("白云镇", "方志明", "集体经济那个项目这个月试生产了，进度百分之八十", "CS-01"),
    ("白云镇", "方志明", "乡村旅游这块这个月接待游客两千人，进度百分之五十", "CS-03"),
    ("白云镇", "方志明", "观光路这个月铺了五百米进度百分之四十", "CS-03"),
    ("白云镇", "方志明", "村里环境卫生那块这个月清理垃圾三十车进度百分之五十", "CS-02"),
    ("白云镇", "陶红", "稻田里养虾那个这个月投了虾苗两千斤进度百分之四十", "LW-01"),
    ("云溪镇", "唐金山", "蜜蜂养殖那块这个月新增蜂箱六十个进度三成", "FL-01"),
    ("云溪镇", "唐金山", "农户的房子外立面那个这个月又弄了五户进度百分之四十", "FL-02"),
    ("云溪镇", "罗永红", "茶园旅游那条线这个月接待了两千人进度百分之五十", "YX-01"),
    # the kind, when the title's words say nothing: 领办事项 against 书记项目
    ("响肠镇", "王建国", "领办的那个事这个月推进了不少，进度百分之五十", "XC-01"),
    ("响肠镇", "王建国", "书记项目这块这个月又签了两户，进度百分之八十", "XC-02"),
    ("响肠镇", "汪海波", "我领办的那个事项游客中心封顶了，进度七成", "XC-08"),
    # a village's name is not a nickname of its project
    ("白云镇", "方志明", "本月茶山村开展了党员冬训，进度百分之十", None),
    ("云溪镇", "罗永红", "这个月村里主要忙防汛，进度和上月一样", None),
    # a title word met in a no-progress remark does not attach the report, unless the project it names is what the
    # message opens with and nothing else took the month ("这个月小冬桃那边没什么新进展" below)
    ("白云镇", "方志明", "这个月茶厂那边没动", None),
    ("白云镇", "方志明", "这个月茶厂那边没动主要在忙村里的环境整治拆了旱厕十五个进度百分之三十", "CS-02"),
    ("云溪镇", "黄志勇", "项目上没什么新进展", None),
    ("云溪镇", "黄志勇", "这个月光伏那边没动主要在忙春耕", None),
    ("云溪镇", "罗斌", "这个月驿站那边没什么进展，主要在忙防汛", None),
    ("云溪镇", "罗永红", "茶旅示范带这个月没动静，饮水工程铺设管网1.5公里，进度百分之五十", "YX-02"),
    ("云溪镇", "唐金山", "养蜂合作社这个月没什么进展，农房风貌改造完成了8户", "FL-02"),
    ("响肠镇", "汪海波", "菜园那边这个月没动，峡谷景区游客中心封顶了，进度七成", "XC-08"),
    ("响肠镇", "刘春华", "这个月小冬桃那边没什么新进展", "XC-05"),
    ("响肠镇", "刘春华", "小冬桃这个月没动，农忙", "XC-05"),
    # …but a figure said of it does, and so does real work on it
    ("云溪镇", "黄志勇", "光伏这个月没怎么动，进度还是百分之六十", "SH-01"),
    ("云溪镇", "黄志勇", "光伏板又装了一批就是并网还没动静", "SH-01"),
    ("云溪镇", "罗永红", "学习了石桥村红色驿站的经验，茶旅示范带新建观景台两处，进度百分之四十", "YX-01"),
]


@pytest.mark.parametrize(("town", "sender", "text", "project_id"), PROJECTS, ids=[c[2][:20] for c in PROJECTS])
def test_report_project(parsers: dict[str, MessageParser], town: str, sender: str, text: str,
                        project_id: str | None) -> None:
    parser = parsers[town]
    person = next(p for p in parser.index.people.values() if p.name == sender)
    msg = parser.parse(text, person, NOW)
    if project_id is not None:
        assert msg.kind == "report", msg.kind
    found = msg.report.project_id if msg.report else None
    assert found == project_id


# ---------------------------------------------------------------------------------------------------------------
# progress said in passing by the same reports
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sender", "text", "progress"), [
    ("黄志勇", "这个月把光伏的钱算了一下一年能给村里挣四万多块钱进度百分之百", 100),
    # 完成/完工 after a deadline is a plan, not the project finished
    ("罗永红", "饮水工程更换管网3.2公里。下一步：建立管水员制度，4月底前完成验收准备。", None),
    ("罗斌", "驿站这个月新添了两台血压计，5月中旬前全部完工", None),
])
def test_report_progress(parser: MessageParser, registry: Registry, sender: str, text: str, progress: int | None) -> None:
    assert report_of(parser, registry, sender, text).progress == progress
