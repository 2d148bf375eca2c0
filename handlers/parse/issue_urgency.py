"""Whether an issue is urgent (PARSING.md, "Urgent"): said so, or the danger is happening now."""
from __future__ import annotations

import re

# Each cue names its kind of danger, so that context can cancel that kind alone.
_CUES = re.compile(
    # 急需 someone or supplies is urgent; 急需一批沙袋 (stock against a flood to come) is not
    r"(?P<said>紧急|特急|加急|(?<![不着应湍得水])急(?!救|性|诊|弯|流|得(?!很|不行|要命|团团转)|需(?:一批|资金|经费|[^，,。]{0,4}防))"
    r"|请马上|马上(?!就?要?(?:到了|来了|过年|过节|开学|放假|入汛|秋收|春耕)|安排|落实|办)|"
    r"立即|立刻|(?<![得要该让])赶紧|(?<![得要该])赶快|快(?:来(?!了)|点来|派人|打(?:119|120|110|电话)|救))"
    r"|(?P<fire>火情|起火|(?<!烤)(?<!挨)(?<!不)着火"
    r"|失火|烧起来|冒烟|往外冒(?:黑|浓)烟|火花|[正还]在烧|火还?没(?:有)?灭|燃起来|烧着了|火(?!星)[^，,。]{0,4}(?:往|窜|蔓延|烧到|烧过来))"
    r"|(?P<hurt>有人受伤|(?:脸|头|身)上(?:有|全是|都是)血|摔[^，,。]{0,4}起不来|受伤了|挂了?彩|流血|流了[^，,。]{0,3}血|头(?:被)?打破|打破了?头|头破血流|是血|出血|[砍刺烧砸撞打]伤|(?:摔|跌|掉)下去了|夹住了|卷进去了|没有?气了|昏迷|晕过去|昏过去|晕倒|叫不醒|不省人事|"
    r"抢救|正在救|(?:叫|喊|打)了?救护车|救护车(?:来了|已经)|打了?120|(?:救护车|消防车|120|119)[^，,。\s]{0,2}还没(?:到|来)|还没醒)"
    r"|(?P<now>溺水|落水|掉进(?![^，,。]{0,2}过)|掉[^，,。]{0,1}(?:河|水塘|井)里|被困|困在|被压|压在里|塌方正在|"
    r"正在(?:塌|滑|垮|倒|冒烟|燃烧|打|往下|往外|漫|淹)|还在往下|往外冲|淹到|漫过|人还在里面|随时可能|随时会|"
    r"人还在[^，,。]{0,3}里|(?<![粪污])水漫到(?:路面|桥面)|撤人|(?:人|户|老人)[^，,。]{0,4}出不来|(?:小孩|孩子|娃娃|娃儿|学生|初中生|小学生)[^，,。]{0,8}在(?:水里|河里|库里|塘里)?(?:游泳|洗澡|戏水)|翻(?:进|到|下)[^，,。]{0,4}(?:沟|河|坎|崖|田)|[喊叫](?:也)?[喊叫]?不上来|"
    r"危及|人命|生命危险|还有电|带着电|没过(?:桥|路)面|漫上来|涨上来|还在涨|漏气|气[^，,。]{0,3}漏了|"
    r"(?:扭打|打)起来了|扭成一团|打群架|互殴|抄(?:起)?家伙|拿着(?:刀|菜刀|锄头|棍子?|扁担|铁锹|砍刀)|追着[^，,。]{0,3}砍|没有?上来|"
    # Danger under way: someone swept away or trapped, a thing about to fall, a life that will not last, a person
    # found unresponsive, children on thin ice now.
    r"卷下去|(?:人|孩子|娃娃)[^，,。]{0,4}冲走了|(?:眼瞅着|眼看着?)要(?:倒|塌|垮)(?!伏)|马上要倒|要塌了|要倒了|撑不了|人已经迷糊|迷糊了|正往[^，,。]{0,4}医院|"
    r"敲门没人应|关了个|关在里面|(?:现在|正)[^，,。]{0,4}(?:有|在)[^，,。]{0,6}(?:孩子|娃娃|人)[^，,。]{0,4}在上面|"
    r"(?:刚才|刚刚|正在?)[^，,。]{0,6}(?:往下滚|往下掉|砸到)|(?:打|拨)了119|快喊人|快叫人|"
    r"(?:这会儿|现在)还在[^，,。]{0,4}(?:砸|打|闹|烧)|火苗[^，,。]{0,3}[蹿窜])"
)
_CALM = re.compile(r"不急|不着急|不紧急|不用急|不算急")
# "万一起火人都跑不出来": a danger imagined, not happening.
_IF = re.compile(r"(?:万一|要是|如果|一旦|假如)[^，,。！!？?]*$|(?<![\d一二三四五六七八九十两几])一\s*$")  # "一着火不得了"
# A cue right after these is a danger that did not happen or is only feared.
_AVERTED = re.compile(r"(?:差点|差一点|险些|防|避免|怕|担心|没有?|无|未|容易|可能|易)[^，,。！!？?\s]{0,2}$")
_FLUE = re.compile(r"烟囱|烟筒|烟道")  # a cracked chimney letting out smoke is a fault, not a fire
_PUT_OUT = re.compile(r"已(?:经)?(?:被)?扑灭|扑灭了|火(?:已经?)?灭了")
# A fire told as past (上个月起火, 失火后) is not burning now.
# The reporter's own going ("我马上过去看看") is a response, not the emergency.
_REPORTER = re.compile(r"我们?(?:就|这就|会|将|也)?$")
_SAID_BY_REPORTER = re.compile(r"马上|立即|立刻|赶紧|赶快")
_PAST = re.compile(r"(?:上个?月|去年|前年|上周|前几天|之前|以前|那次)[^，,。！!？?]{0,4}$")
_AFTER = re.compile(r"后|过后|以后")
# An injury argued over for compensation is an old one.
_CLAIM = re.compile(r"赔|官司|医药费|工伤")
_SETTLED = re.compile(r"(?:已经?|都)?(?:拉开了|劝开了|劝住了|劝回去了|平息了?|分开了|散了)")


def is_urgent(text: str) -> bool:
    """True only when the text says it is urgent or the danger is immediate ("尽快" is not)."""
    if _CALM.search(text):
        return False
    settled = bool(_SETTLED.search(text))
    for m in _CUES.finditer(text):
        kind = m.lastgroup
        if _AVERTED.search(text, max(0, m.start() - 4), m.start()) or _IF.search(text, 0, m.start()):
            continue
        if kind == "said" and _SAID_BY_REPORTER.match(m.group()) and _REPORTER.search(text, max(0, m.start() - 4),
                                                                                       m.start()):
            continue
        if kind == "fire" and (_PUT_OUT.search(text) or _AFTER.match(text, m.end()) or _FLUE.search(text)
                               or _PAST.search(text, max(0, m.start() - 8), m.start())):
            continue
        if kind == "hurt" and _CLAIM.search(text):
            continue
        if kind == "now" and settled:  # "打起来了 已经拉开了": the fight is over
            continue
        return True
    return False
