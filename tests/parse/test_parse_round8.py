"""Round 8: the classes of the blind sets of session 16 (s16a–s16e: Yunnan highlands, Zhejiang public texts, the
loess hills' voice run-ons, the northeast in winter, and a suite of date expressions). Each test was written before
its change and failed then; texts are ours, on the 云溪镇 registry.
"""
from __future__ import annotations

import pytest

from handlers.parse import MessageParser, amounts_of, issue_category
from handlers.registry import Registry
from handlers.registry_reader import registry_from_mapping
from tests.parse.conftest import YUNXI, at


@pytest.mark.parametrize(("text", "now", "deadline"), [
    # 后年 is two years on, also before 年底
    ("@罗斌 后年年底前把驿站的运营收入做到十万以上。", "2026-03-10 10:00", "2028-12-31"),
    ("各村：后年年内完成全部危旧房改造。", "2026-03-10 10:00", "2028-12-31"),
    ("@罗斌 驿站后年要实现盈利。", "2026-03-10 10:00", "2028-12-31"),
    # a bare 下月 bounds work said as coming about (办起来, 建起来)
    ("@罗斌 驿站的便民集市下月办起来。", "2026-06-09 10:00", "2026-07-31"),
])
def test_deadlines_round8(parser: MessageParser, registry: Registry, text: str, now: str, deadline: str) -> None:
    record = parser.parse(text, registry.person("孙丽"), at(now))
    assert record.handoff is not None and str(record.handoff.deadline) == deadline


POTATO = {**YUNXI, "projects": [*YUNXI["projects"], {"id": "SH-02", "title": "党建引领马铃薯全产业链提质增效",
                                                     "village": "双河村", "owner": "黄志勇"}]}


@pytest.mark.parametrize("text", [
    "双河村洋芋这块七月份田间管理结束了，统防统治用药花了两万三，进度到了百分之五十五",
    "汇报一下土豆现在挖了一半多了，淀粉厂按订单收走了二百八十吨，回款三十万八",
])
def test_a_crop_said_by_its_everyday_name_finds_the_project(text: str) -> None:
    registry = registry_from_mapping(POTATO)
    record = MessageParser(registry).parse(text, registry.person("黄志勇"), at("2026-08-03 10:00"))
    assert record.report is not None and record.report.project == "党建引领马铃薯全产业链提质增效"


@pytest.mark.parametrize(("sender", "text", "now", "kind", "people"), [
    # volunteering counted by who took part is the activity's record, not a project's progress
    ("罗斌", "今天组织党员志愿者到村口开展义务植树，种了樱花300多棵，参加党员26人。", "2026-03-12 16:00", "log", 26),
    # "节前在…走访了" is a visit made before the holiday, not one to come
    ("罗斌", "今天端午节前在三组四组走访了独居老人和残疾人家庭12户，送了粽子，老人们身体都还可以。", "2026-06-18 17:00",
     "log", 12),
    # those who took part are the count, not those honoured
    ("罗斌", "7月1号上午村党总支召开“七一”主题党日活动，重温入党誓词，表彰优秀党员5名，全村47名党员参加", "2026-07-02 09:00",
     "log", 47),
    # "好着呢" says all is well: no question
    ("杜春梅", "今天和村医一起入户走访了二组的独居老人，一共11户，血压都量了，情况好着呢。", "2026-03-27 18:00", "log", 11),
    ("罗永红", "5月1号在村委会值班，全天没啥事，巡了一圈老街，好着呢", "2026-05-02 08:10", "log", None),
])
def test_notes_of_work_round8(parser: MessageParser, registry: Registry, sender: str, text: str, now: str, kind: str,
                              people: int | None) -> None:
    record = parser.parse(text, registry.person(sender), at(now))
    assert record.kind == kind and record.log is not None and record.log.people == people


@pytest.mark.parametrize(("text", "sums"), [
    ("驿站运营公司村集体全资，注册资本100万，一年合同额36万元。", ["100万", "36万元"]),  # capital is money
    ("还差一台自助终端，要2.8万，钱还没着落。", ["2.8万"]),  # a cost said with 要
    ("冰场开始浇冰了，县文旅局给争取了20万，进度大概一半", ["20万"]),  # money won
    ("共享菜园认领出去48块，每块一年300元。", ["300元"]),  # plots priced each are counted, not paid
    ("合作社收购社员干耳8600斤，每斤按38块收，统一往外卖", ["38块"]),  # a price by the jin
    ("酸菜和超市签了订单，一缸按一百五收，这个月户均又增收一千多块。", ["一百五", "一千多块"]),  # by the vat
    ("今年还要3万人次的游客量，只要5户报名就开班", []),
])
def test_sums_round8(text: str, sums: list[str]) -> None:
    assert [a.text for a in amounts_of(text)] == sums


def _report(parser: MessageParser, registry: Registry, sender: str, text: str, now: str = "2026-10-09 20:00"):
    record = parser.parse(text, registry.person(sender), at(now))
    assert record.report is not None, record.kind
    return record.report


@pytest.mark.parametrize(("text", "problems"), [
    # a trouble that keeps coming back, or cannot be kept in hand
    ("驿站这个月把门头整完了，投入资金3万元。赶集天门口占道的问题还是反反复复，管不住。", "赶集天门口占道的问题还是反反复复，管不住"),
    # orders falling, people idle
    ("驿站这个月出了点情况，来料加工的订单减少了，车间有20多个人暂时没活干。下步准备找新订单。",
     "来料加工的订单减少了，车间有20多个人暂时没活干"),
    # the weather's harm, said with 就是
    ("驿站旁的菌棚这块，秋耳采完了，一共摆了四万袋。就是今年雨水多，烂了两千来袋。进度差不多七成。", "今年雨水多，烂了两千来袋"),
    # 难处是 / 麻达是 say where the trouble starts, as 问题是 does
    ("驿站这个月整了两个事，一个是摸底，一个是讲了一堂课，进度大概百分之四十五吧，难处是年轻人冬天都出去打工了人不好凑",
     "年轻人冬天都出去打工了人不好凑"),
    ("驿站这块过年也没闲着，把库存的米又销了二十来吨，现在麻达是货架还没到位，今年计划再开一家", "货架还没到位"),
])
def test_troubles_said_round8(parser: MessageParser, registry: Registry, text: str, problems: str) -> None:
    assert _report(parser, registry, "罗斌", text).problems == problems


def test_a_plan_for_the_year_said_in_a_run_is_the_plan(parser: MessageParser, registry: Registry) -> None:
    report = _report(parser, registry, "罗斌", "驿站这块把库存的米又销了二十来吨现在麻达是货架还没到位今年计划再开一家进度的话整个算下来"
                     "百分之十五左右吧", "2026-02-24 10:30")
    assert (report.problems, report.next_plan, report.progress) == ("货架还没到位", "再开一家", 15)


@pytest.mark.parametrize(("sender", "text", "kind"), [
    # a meeting counted by who came is its record, though its words are a project's
    ("马晓东", "社区今天开了网格员月度例会，网格员和社区干部11人参加，通报了2月份邻里守望的办理情况。", "log"),
    # the office's own business asked about is no issue
    ("罗斌", "今天下午镇里开会的材料在哪里领？", "other"),
    # a list sent over, to be looked at
    ("田芳", "马书记，第二网格楼道长名单我已经发你微信了，你看下", "other"),
    # a leader's word on a meeting held is no note of it
    ("孙丽", "上周的书记项目调度会开得不错，大家提的问题镇党委都记下了，会一件一件研究解决。", "other"),
    # asked for residents, it is their issue, though it names the village's own scheme
    ("黄志勇", "2组有几户想问问，今年光伏板的维修补贴是按户补还是按块补，要交啥材料", "issue"),
    # a lift that broke three times and shut someone in, told by a secretary with no work done
    ("马晓东", "白沙社区三区电梯这个月已经坏了三回了，有一回关了人在里面半个多小时，物业一直拖着不修。", "issue"),
])
def test_kinds_round8(parser: MessageParser, registry: Registry, sender: str, text: str, kind: str) -> None:
    assert parser.parse(text, registry.person(sender), at("2026-06-16 10:00")).kind == kind


def test_a_task_put_right_is_done(parser: MessageParser, registry: Registry) -> None:
    record = parser.parse("#18 直播间电线已重新布线，灭火器也配齐了，已整改完成", registry.person("罗斌"), at("2026-06-17 10:00"))
    assert record.task_update is not None and record.task_update.action == "done"


@pytest.mark.parametrize(("text", "progress", "problems"), [
    # the whole project said done for the year, or as a whole
    ("驿站项目全年完成了：注册了商标，线上线下一共卖了48万斤，村集体全年增收26万元。", 100, None),
    ("罗斌汇报：菌包60万袋上礼拜全装完了，比计划提前了一个礼拜，合作社能挣一些。项目整体完成了。", 100, None),
    # growth over last year is no progress, and a cause told with a gain is no setback
    ("罗斌报驿站这边：2月份受春节影响，接待游客1.3万人次，营业收入约210万元，比去年同期涨了三成。", None, None),
])
def test_progress_and_gains_round8(parser: MessageParser, registry: Registry, text: str, progress: int | None,
                                   problems: str | None) -> None:
    report = _report(parser, registry, "罗斌", text, "2026-12-30 10:00")
    assert (report.progress, report.problems) == (progress, problems)


@pytest.mark.parametrize(("text", "category"), [
    ("第三网格那个老小区二次供水的水泵坏了，五楼以上这两天水上不去", "livelihood"),
    ("三网格烧烤店的排烟管子正对着居民楼窗户，楼上住户天天一屋子烟味，找过老板不好使。", "environment"),
    ("三网格一家装修，天天早上六点就开始砸墙，楼上楼下都有意见，说了不听。", "environment"),
    ("二网格有个楼道堆满了纸箱子和旧家具，楼里还有人抽烟，万一着起来跑都跑不出去。", "safety"),
    ("二组刘奶奶家烧炕的烟道堵了，屋里一股煤烟味，老人头疼恶心，已经让她先开窗出来了。", "safety"),
    ("村委会的打印机坏了，群众来开证明都开不了，能不能跟镇上申请换一台", "other"),
    ("村里的大喇叭坏了半个多月了，防火的通知都喊不出去。", "other"),
    ("二组村部后边那块空地，过年放完的鞭炮纸壳子、烟花箱子堆得老高了，没人收拾，埋了吧汰的。", "environment"),
    ("五组后山烧荒的火燃起来了，风大，往林子里走了，已经打了森林火警电话，请镇里马上派扑火队！", "safety"),
])
def test_issue_categories_round8(text: str, category: str) -> None:
    assert issue_category(text) == category


@pytest.mark.parametrize(("sender", "text", "now", "kind"), [
    ("许文", "大家好，我是新调整到云溪村的包村干部许文，以后茶旅融合这块的工作请各位领导多指导。", "2026-03-02 09:00", "other"),
    ("罗永红", "茶旅文化节定在6月20号，欢迎各位领导和兄弟村来耍，炒茶比赛、采茶体验都有，美得很！", "2026-06-01 09:00", "other"),
    ("田芳", "请问孙委员，网格员的民情日志以后还要不要每天拍照打卡？", "2026-06-01 09:00", "other"),
    # a leader's own duty shift, all quiet
    ("孙丽", "7月28号晚上镇里防台风值班，我带班，全镇转移群众进展正常。", "2026-07-29 07:30", "log"),
    # a visit that found a trouble told over the next clauses is an issue
    ("杜春梅", "今天入户走访一组12户，发现有户人家在屋后烧竹子壳，烟好大，附近人家晾的衣服都熏黑了，已劝停，建议村里加强巡查。",
     "2026-07-29 18:00", "issue"),
])
def test_kinds_of_the_second_wave_round8(parser: MessageParser, registry: Registry, sender: str, text: str, now: str,
                                         kind: str) -> None:
    assert parser.parse(text, registry.person(sender), at(now)).kind == kind


@pytest.mark.parametrize(("text", "people"), [
    ("今天下午村两委开了3月份例会，9个人参会，研究了驿站群众代表会的议程和茶园春季管护分工。", 9),
    ("今天六一，和村小的老师一起给石桥村小学的48个娃娃过了儿童节，送了书包和文具，是派出单位捐的。", 48),
])
def test_notes_counted_round8(parser: MessageParser, registry: Registry, text: str, people: int) -> None:
    record = parser.parse(text, registry.person("罗斌"), at("2026-06-01 18:00"))
    assert record.kind == "log" and record.log is not None and record.log.people == people


def test_what_to_find_out_is_no_question(parser: MessageParser, registry: Registry) -> None:
    record = parser.parse("@罗斌 驿站污水乱排的情况，今明两天去摸清楚，几户、排到哪里，报给我。", registry.person("孙丽"),
                          at("2026-07-13 09:30"))
    assert record.handoff is not None and str(record.handoff.deadline) == "2026-07-14"


def test_a_bare_month_bounds_what_goes_on_the_wall(parser: MessageParser, registry: Registry) -> None:
    record = parser.parse("@罗斌 驿站积分超市的规章制度9月份上墙。", registry.person("孙丽"), at("2026-08-20 09:00"))
    assert record.handoff is not None and str(record.handoff.deadline) == "2026-09-30"


def test_cantonese_搞掂_is_done(parser: MessageParser, registry: Registry) -> None:
    record = parser.parse("任务55迎检资料已经搞掂，全部装盒归档。", registry.person("罗斌"), at("2026-07-10 09:00"))
    assert record.task_update is not None and record.task_update.action == "done"


def test_a_wire_burnt_black_is_a_hazard() -> None:
    assert issue_category("三网格6栋有户搬迁户，老两口都七十多了，儿子在浙江打工过年不回来，家里烤火的电炉子线都烧黑了还在用，"
                          "我让他们先莫用了") == "safety"


@pytest.mark.parametrize(("sender", "text", "done", "problems"), [
    # the north-west's 么 for 没, voice's 近度 for 进度; a sum in yuan closes its clause
    ("罗斌", "石桥村驿站项目二月份近度汇报过年前集中卖了一波干香菇收入5万多元村集体分红给困难户每户500元大棚冬季保温问题还么解决完"
             "目前整体近度百分之三十五", "过年前集中卖了一波干香菇收入5万多元村集体分红给困难户每户500元", "大棚冬季保温问题还没解决完"),
    # Cantonese 冇乜进展: nothing done
    ("罗斌", "驿站这个月冇乜进展，雨水多，物资推迟进场，进度还是百分之三十。", None, "雨水多，物资推迟进场"),
])
def test_dialect_and_slips_round8(parser: MessageParser, registry: Registry, sender: str, text: str,
                                  done: str | None, problems: str | None) -> None:
    report = _report(parser, registry, sender, text, "2026-02-24 10:30")
    assert (report.done, report.problems) == (done, problems)


def test_a_statement_about_both_projects_is_about_neither(parser: MessageParser, registry: Registry) -> None:
    report = _report(parser, registry, "唐金山", "唐金山报一下：8月份枫林这边主要精力在防汛和养蜂场安全上，两个项目推进都不多，进度跟上个月差不多。",
                     "2026-09-02 10:00")
    assert report.project is None


@pytest.mark.parametrize(("text", "done", "plan"), [
    # 准备齐了 is done, and what the month went on (主要是准备…) too
    ("驿站这块 这礼拜开始布置了 打糕 冷面 辣白菜都准备齐了 县文旅局给争取了20万 进度大概一半 下步准备元旦开业",
     "这礼拜开始布置了，打糕，冷面，辣白菜都准备齐了，县文旅局给争取了20万", "元旦开业"),
    ("驿站这个月主要是准备国庆文艺汇演 节目排了12个 县里来看过说整得好", "主要是准备国庆文艺汇演，节目排了12个，县里来看过说整得好",
     None),
    # the holiday said first, then results told in the past: done, not a plan
    ("驿站2月份情况：节后组织党员修剪门前绿化带320米，补栽苗子150株，买苗子花了3200元。进度大约两成。",
     "节后组织党员修剪门前绿化带320米，补栽苗子150株，买苗子花了3200元", None),
    # when a season is past, what then
    ("驿站改造的方案县里已经批了总预算六十二万剩下的申请项目资金清明过后就开工", "驿站改造的方案县里已经批了总预算六十二万剩下的申请项目资金",
     "清明过后就开工"),
])
def test_plans_and_what_the_month_went_on_round8(parser: MessageParser, registry: Registry, text: str, done: str,
                                                  plan: str | None) -> None:
    report = _report(parser, registry, "罗斌", text, "2026-03-09 10:00")
    assert (report.done, report.next_plan) == (done, plan)


@pytest.mark.parametrize(("text", "done", "progress"), [
    # a rate is a result of the month's work: it stays in done, and is no progress
    ("驿站5月份共代办事项96件，群众满意率100%，事项办结率98%，整体完成九成。", "共代办事项96件，群众满意率100%，事项办结率98%", 90),
    ("驿站这个月出租屋二维码门牌装了320块，租户扫码登记率百分之八十八，查处违规群租房3处。",
     "出租屋二维码门牌装了320块，租户扫码登记率百分之八十八，查处违规群租房3处", None),
])
def test_rates_stay_in_done_round8(parser: MessageParser, registry: Registry, text: str, done: str,
                                   progress: int | None) -> None:
    report = _report(parser, registry, "罗斌", text, "2026-06-03 10:00")
    assert (report.done, report.progress) == (done, progress)


def test_a_village_told_a_rule_comes_out_by_a_month(parser: MessageParser, registry: Registry) -> None:
    record = parser.parse("石桥村：驿站收益分红制度明年3月出台", registry.person("孙丽"), at("2026-11-20 10:00"))
    assert record.handoff is not None and str(record.handoff.deadline) == "2027-03-31"


@pytest.mark.parametrize(("text", "done", "problems", "plan"), [
    # the plan said in passing, then more work done
    ("罗斌报告下石桥这个月的情况，村史馆整好了，准备国庆的时候揭牌，文明示范户又评了10户，整体进度百分之六十。",
     "村史馆整好了，文明示范户又评了10户", None, "国庆的时候揭牌"),
    # 下一步就是…: the plan, without its filler
    # (and a run of speech that ends in 项目 before its figure is work, not a topic)
    ("驿站这块出栏育肥牛一百一十头卖了二百五十万项目完成百分之九十下一步就是准备年底的验收",
     "出栏育肥牛一百一十头卖了二百五十万", None, "准备年底的验收"),
    # what the missing thing costs is the trouble's; a talk still going and a sum thought too low are troubles
    ("驿站房子已经改好了，进度七成。还差一台自助终端，要2.8万，钱还没着落。", "驿站房子已经改好了", "还差一台自助终端，要2.8万，钱还没着落",
     None),
    ("驿站管网累计铺设1.8公里，接户132户。三组段青苗补偿还在谈，每亩补1200元群众嫌少。", "驿站管网累计铺设1.8公里，接户132户",
     "三组段青苗补偿还在谈，每亩补1200元群众嫌少", None),
    # and the condition said first ("江面一封冻") goes with the trouble it brings
    ("驿站护边这块组织联防巡边18次，进度百分之五十。冬天江面一封冻，巡边压力就大了，望远镜不够用。", "组织联防巡边18次",
     "冬天江面一封冻，巡边压力就大了，望远镜不够用", None),
])
def test_where_plans_and_troubles_end_round8(parser: MessageParser, registry: Registry, text: str, done: str,
                                             problems: str | None, plan: str | None) -> None:
    report = _report(parser, registry, "罗斌", text, "2026-07-20 10:00")
    assert (report.done, report.problems, report.next_plan) == (done, problems, plan)


@pytest.mark.parametrize(("sender", "text", "now", "kind"), [
    # a visit that asks about life after the works are done (建成后) notes the visit; it reports no work done
    ("罗斌", "8月25日包村联户，走访石桥村一组、四组农户23户，了解驿站建成后的使用意愿，群众反映都比较好。", "2026-08-26 09:00", "log"),
    # a campaign of leaflets on gas safety is work done, not a hazard found
    ("田芳", "今天配合镇应急办在社区广场开展冬季燃气安全宣传，发放资料200余份。", "2026-12-19 17:00", "log"),
    # a rota posted in the group's files, to be looked at: a notice
    ("孙丽", "各位书记 春节期间值班表已发群文件 请大家看一下自己的班 有调整的私聊我", "2026-02-10 09:00", "other"),
    # which forms to hand in, asked without a question mark
    ("罗斌", "孙委员 驿站台账和积分超市是分开报两张表 还是报一张就行", "2026-06-02 09:00", "other"),
    # planning asked for, early: a hand-off with no day
    ("孙丽", "各村 党员冬训的场地和老师 尽早谋划", "2026-10-20 09:00", "handoff"),
])
def test_kinds_of_the_last_wave_round8(parser: MessageParser, registry: Registry, sender: str, text: str, now: str,
                                       kind: str) -> None:
    assert parser.parse(text, registry.person(sender), at(now)).kind == kind


@pytest.mark.parametrize(("text", "now", "deadline"), [
    ("@罗斌 驿站党建联盟成立大会3月份召开，方案先报我看。", "2026-02-20 09:00", "2026-03-31"),
    ("各村：驿站年度表彰会下月举办，名单月底前报我。", "2026-10-20 09:00", "2026-10-31"),
])
def test_deadlines_of_the_last_wave_round8(parser: MessageParser, registry: Registry, text: str, now: str,
                                           deadline: str) -> None:
    record = parser.parse(text, registry.person("孙丽"), at(now))
    assert record.handoff is not None and str(record.handoff.deadline) == deadline


@pytest.mark.parametrize(("text", "problems", "plan"), [
    ("驿站这块 四月份专家来指导了两次 项目整体过了一半 机井修好了一眼 还有一眼等配件", "还有一眼等配件", None),
    ("9月份村里忙秋收秋种 驿站没啥大进展 跟上月持平 国庆后再集中往前推", None, "国庆后再集中往前推"),
])
def test_troubles_and_plans_of_the_last_wave_round8(parser: MessageParser, registry: Registry, text: str,
                                                    problems: str | None, plan: str | None) -> None:
    report = _report(parser, registry, "罗斌", text, "2026-09-30 10:00")
    assert (report.problems, report.next_plan) == (problems, plan)


@pytest.mark.parametrize(("text", "progress", "sums"), [
    # half said of the whole project is its figure, over a part's percent; boards put up are counted
    ("驿站这段时间主要在搞陈列馆布展，展板上墙80块，征集实物展品43件，整个项目差不多一半了。", 50, []),
    ("驿站5月份：东厢房修缮完工，西厢房完成60%，整个项目完成一半左右。", 50, []),
])
def test_the_whole_projects_half_round8(parser: MessageParser, registry: Registry, text: str, progress: int,
                                        sums: list[str]) -> None:
    report = _report(parser, registry, "罗斌", text, "2026-06-02 10:00")
    assert (report.progress, [a.text for a in report.amounts]) == (progress, sums)


def test_a_drill_counted_by_turnout_is_a_note(parser: MessageParser, registry: Registry) -> None:
    record = parser.parse("今天防灾减灾日，在石桥村小学开展应急避险演练，村民和学生一共150人参加。", registry.person("罗斌"),
                          at("2026-05-12 17:00"))
    assert record.kind == "log" and record.log is not None and record.log.people == 150


def test_the_half_years_summary_is_what_is_owed_not_when(parser: MessageParser, registry: Registry) -> None:
    record = parser.parse("各村书记：上半年书记项目工作总结抓紧交党建办，不超过2000字，县里在催了。", registry.person("孙丽"),
                          at("2026-07-06 09:00"))
    assert record.handoff is not None and record.handoff.deadline is None


def test_the_square_by_the_office_is_the_place(parser: MessageParser, registry: Registry) -> None:
    record = parser.parse("今天配合镇应急办在村委会广场开展冬季燃气安全宣传，发放资料200余份。", registry.person("杜春梅"),
                          at("2026-12-05 10:00"))
    assert record.log is not None and record.log.place == "村委会广场"
