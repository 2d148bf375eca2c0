"""Sums of money, normalized to yuan (PARSING.md, "Amounts")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.parse.numbers import NUMBER, SCALE, plain, to_number
from handlers.parse.text import anchored, retracted


@dataclass(frozen=True)
class Amount:
    """One sum of money in yuan, with the words that said it."""

    value: int | float
    text: str
    unit: str = "元"

    def to_dict(self) -> dict[str, object]:
        """The record form: {"value", "unit", "text"}."""
        return {"value": self.value, "unit": self.unit, "text": self.text}


# An optional lower bound ("三到五万", "3-5万元") is swallowed so only the upper end is counted.
_AMOUNT = re.compile(
    rf"(?:{NUMBER}\s*(?:到|至|~|-|—|－)\s*)?(?P<num>{NUMBER})(?:\s*(?:多|余|来|几))?"
    r"(?:\s*(?P<mult>[万千亿]))?(?:多|余)?(?:\s*(?P<cur>元|块钱|块|毛钱|角钱|毛(?![\u4e00-\u9fff])|角(?![\u4e00-\u9fff])))?"
)  # "50余万元": the unit may follow 余; 毛/角 are tenths of a yuan ("每平米三毛钱"). A space is eaten only before a
# unit: after "十五万 项目…" the pause, not 项, follows the number.
# Words that make a bare "30万" a sum of money rather than a count.
_MONEY_CONTEXT = re.compile(
    r"元(?!旦|宵)|资金|投资|投入|收入|收益|租金|补偿|补助|补贴|费|款|经费|奖励|奖金|分红|销售额|营收|营业额|增收|分个|能分|"
    r"缺口|还差|预算|花了|花费|成本|支出|开支|节约|筹集|募集|集资|兑付|工资|欠薪|价格|价值|捐|贷款|利润|产值|"
    r"拨付|造价|赔偿|损失|资助|扶持|奖补|销售|卖|赚|挣|亏|慰问金|红包|塘租|地租|房租|收租|少花|多花|省下|省了|金额|货款"
    r"|奖(?![状牌杯项])|钱|拨|报价|标价|要价|还得|彩礼|花个|要花|得花|分了|分到|分得|净赚|到账|定金|订金|押金|薪"
    r"|投了|要投|得投|投进去|货值|值了?|租给|出租|承包费|留了|能省|可省|省钱"
    r"|基金|差(?=[\d一二三四五六七八九十两几])|贴进去|倒贴|贴钱|垫付|垫了|成交额|交易额|流水|自筹|一套"
    r"|控制价|合同价|中标价|保底价|收购价|授信|户均"  # "维修基金出4万", "差四五万", "每月要贴进去三千多"
    # "贷了五十万", "旗里补了24万", "冷链车一辆，预计三十万左右": borrowed, granted, or a cost foreseen
    r"|贷|赞助|提留|订单|收购|投个|出资|追加|人均|合同(?=\s*[\d一二三四五六七八九十两几])"
    r"|(?:出了?|补了|(?:估计|大概|大约)要|预计(?:要|得|需要?)?)(?=\s*[\d一二三四五六七八九十两几])"
    # "注册资本100万", "还差一台终端，要2.8万", "县文旅局给争取了20万": capital, a cost, money won
    r"|资本|(?<![不只还])(?:要|需要?|争取(?:了|到了?)?)(?=\s*[\d一二三四五六七八九十两几])"
)
# After a bare 万/千 these make it a quantity ("1.8万人次", "12万斤", "4万多斤").
_QUANTITY_UNITS = set("人次斤亩户株棵米吨头只个名件份张台辆套条座间处袋箱盒册字步尾羽克升方年天周月项场批层本瓶单包车棚桌盆罐筐度穗捆分")
_ANCHOR = re.compile(r"[元块万千亿百毛角]")
# "十八万一次性付清": the 一 of 一次 is no digit of the sum.
_TENTHS = re.compile(r"([1-9一二三四五六七八九])(?=[，,。；;！!？?\s）)]|$|左右|[收卖的一])(?![一二三四五六七八九十百千万])")
_NOT_A_DIGIT = re.compile(r"(?<=[万千])[一二三四五六七八九](?=[次下些起样直般定共批期时])")
_CLAUSE_START = re.compile(r"[，,；;。！!？?\n][^，,；;。！!？?\n]*$")
# 块 is also the measure word of flat things: "组件约1400块", "砖三千块", "两块牌子". What is counted, said
# right before the number or right after 块, makes it a count; a money word closer to it makes it money.
_COUNTED = r"(?:组件|电池|玻璃|瓷砖|地砖|展板|标识|标牌|面板|草皮|店招|招牌|牌匾|(?<!亩)[砖瓦板牌石碑匾屏田地布表])(?:子|头|材)?"  # "一亩地十二块" is a price
_COUNTED_AFTER = re.compile(rf"的?{_COUNTED}")
_COUNTED_BEFORE = re.compile(rf"{_COUNTED}(?:统一)?(?:安装|铺设|更换|设计|制作|上墙|铺|装|换|贴|拉|运|用|做|补|立|挂|印)?了?"
                             r"(?:约|共|共计|总共|一共|合计|大约|大概|差不多|近|有)?\s*$")
_MONEY_AFTER = re.compile(r"[”\"]?的?(?:钱|费|彩礼|工钱|成本|运费|收入|收益|利润|补贴|补助|奖励|租金|慰问金|奖金|红包|活|款)")
# Right after one of these a bare number is a sum though it has no unit ("每天工钱一百二", "补助每亩八百").
_PAY = re.compile(r"(?:工钱|工资|租金|补助|补贴|费用?|单价|价格|报酬|分红|月薪|挣|赚)(?:资金|金)?(?:标准)?(?:是|为)?"
                  r"(?:每(?:天|人|亩|户|月|年|个|平米?|吨|斤)|一(?:天|个月|年))?(?:涨到|涨了|降到|提到|要|得)?\s*$"
                  r"|(?:临工|小工|零工|工人|帮工|用工|人工|雇工|请工)[^。]{0,4}(?:每|一)(?:天|人|个)(?:每天)?要?\s*$"  # "每天一百二"
                  r"|(?:一天一人|一人一天|每人每天|一个人一天|一人一个?月|每人每月|一个人一个?月)(?:就)?(?:按|是)?\s*$")
# "救生衣的一万五社区出了": who paid the sum, said after it.
_PAID_BY = re.compile(r"[^，,。\d]{0,5}(?:出了|掏了|垫了|垫付了|承担了|兜底)")
_ROUGHLY = re.compile(r"(?<![\d一二三四五六七八九十百千万两几])(?P<unit>[万千百])把(?:块钱|块|元)")
_MONEY_BEFORE = re.compile(rf"{_MONEY_CONTEXT.pattern}|省|挣|花|收|钱|价|票|捐|奖|罚|补(?!种|栽|苗)")
_CUE_WINDOW = 8
# Right before a bare number these make it a price or a rate: per thing sold ("一吨卖七百五", "收购价每斤四十五",
# "按一斤一百二收", "一台四千多") or per period ("一年三万五", "一个月800", "人均一个月两千三").
_PRICED = re.compile(r"(?:每|一)(?:斤|公斤|吨|亩|台|个|只|头|箱|袋|件|份|桶|车|株|棵|平米?|方|户|盏|套|根|块|缸|坛|罐|筐|盒|瓶)"
                     r"(?:卖|收|价|能卖)?(?:是|为|要|按)?\s*$")  # "一缸按一百五收"
_PRICE_CUE = re.compile(r"(?:每|一)(?:斤|公斤|吨|台|个月|月|年|户)(?:卖|收|价|能卖|能|要|估计要|大概)?(?:是|为)?\s*"
                        r"(?=\d|[一二三四五六七八九两十])")
_TRADE = re.compile(r"卖|收购|收|价|钱|元|块|销售|买|花|投|租|费|成本|分红|分了|分到|发放|发了")  # "分了第一笔红，每户1200"
_PER_PERIOD = re.compile(r"(?:人均)?(?:一|每)(?:年|个月|月)(?:能|要|估计要|大概)?(?:收|挣|赚|拿|交|付)?(?:租金)?\s*$")
# "按3块一斤": a price per unit. "从6万降到5万元": the unit said once, after the second figure, is the first's too.
_PER_UNIT = re.compile(r"钱?一(?:斤|公斤|亩|个|只|头|箱|袋|平米?|天|吨|件|份|桶|车|株|棵)|每")
_PER_UNIT_BEFORE = re.compile(r"每(?:斤|公斤|亩|吨|个|只|头|箱|袋|天|人)(?:按|是)?\s*$")  # "每斤按38块收"
# "菜园认领出去48块，每块一年300元": what is then priced each is counted.
_EACH_AFTER = re.compile(r"[，,、]?\s*每块")
_BARE_TO_SUM = re.compile(rf"(?:降|涨|提高|提|增加|增|减少|减|下调|上调)(?:到|至)\s*{NUMBER}\s*[万千亿]")
_CHANGED_TO = re.compile(r"(?:降|涨|提高|提|增加|增|减少|减|下调|上调)(?:到|至)\s*$")
_TOTAL = re.compile(r"(?:一共|共计|总共|合计|共|也得|就得|总得)[^，,。\d一二三四五六七八九十]{0,4}$")
_SENTENCE_START = re.compile(r"[。！!？?\n][^。！!？?\n]*$")
_TO_SUM = re.compile(rf"(?:降|涨|提高|提|增加|增|减少|减|下调|上调)?(?:到|至)\s*{NUMBER}\s*[万千亿]?\s*(?:元|块)")


def _block_is_money(text: str, m: re.Match[str], scaled: bool) -> bool | None:
    # What is counted, right after 块 or right before the number, makes a count ("拉了三千块砖", "砖三千块");
    # else a money word before it makes money ("一块板子一年能赚二十块"); else None (undecided).
    if _COUNTED_AFTER.match(text, m.end()) or _EACH_AFTER.match(text, m.end()):
        return False
    if _MONEY_AFTER.match(text, m.end()) or _PER_UNIT.match(text, m.end()):
        return True
    window = max(0, m.start() - _CUE_WINDOW)
    clause = _CLAUSE_START.search(text, window, m.start())
    start = clause.start() if clause else window
    if _COUNTED_BEFORE.search(text, start, m.start()):
        return False
    if _PER_UNIT_BEFORE.search(text, start, m.start()):  # "按每斤18块卖的"
        return True
    if _MONEY_BEFORE.search(text, start, m.start()):
        return True
    after = text[m.end():m.end() + 1]
    return True if scaled or not ("\u4e00" <= after <= "\u9fff") else None


def _is_money(text: str, m: re.Match[str]) -> bool:
    cur = m.group("cur")
    after = text[m.end():m.end() + 1]
    if cur in ("元", "块钱", "毛钱", "角钱", "毛", "角"):
        return True
    num = m.group("num")
    scaled = bool(m.group("mult")) or any(c in "万千亿" for c in num)
    if not cur and after not in _QUANTITY_UNITS and _priced(text, m):
        return True
    if not scaled and not cur and "百" in num and after not in _QUANTITY_UNITS:
        return bool(_PAY.search(text, max(0, m.start() - _CUE_WINDOW), m.start()))
    if cur == "块" and num in ("一", "1") and not text.startswith("钱", m.end()) and not _TENTHS.match(text, m.end()):
        return False  # "钱的事还差一块": a part, not one yuan
    if cur == "块":
        decided = _block_is_money(text, m, scaled)
        if decided is not None:
            return decided
    elif not scaled or (after in _QUANTITY_UNITS and not text.startswith("项目", m.end())):
        return False  # "服务费九万多项目进度…": voice runs the sum into the next words
    if _TO_SUM.match(text, m.end()) or _MONEY_AFTER.match(text, m.end()) or _PAID_BY.match(text, m.end()):
        return True
    sentence = _SENTENCE_START.search(text, 0, m.start())
    about_money = _MONEY_CONTEXT.search(text, sentence.start() if sentence else 0, m.end())
    # "彩礼…一家从十八万降到八万八": both figures of a change in a sentence about money; "收益到账了，一共九万六千三":
    # a total said after the money it sums.
    if about_money and (_BARE_TO_SUM.match(text, m.end()) or _CHANGED_TO.search(text, max(0, m.start() - 4), m.start())
                        or _TOTAL.search(text, max(0, m.start() - 8), m.start())):
        return True
    clause = _CLAUSE_START.search(text, 0, m.start())
    return bool(_MONEY_CONTEXT.search(text, clause.start() if clause else 0, m.end()))


def _priced(text: str, m: re.Match[str]) -> bool:
    """A bare number said as a price per thing in a sentence about selling or buying, or as a sum per period."""
    value = to_number(m.group("num"))
    if value is None or (value < 10 and not m.group("mult")) or text[m.end():m.end() + 1] in ("号", "日", "点", "次"):
        return False
    window = max(0, m.start() - _CUE_WINDOW)
    if _PER_PERIOD.search(text, window, m.start()):
        return True
    sentence = _SENTENCE_START.search(text, 0, m.start())
    priced = _PRICED.search(text, window, m.start())
    # "卷帘机一台要八千多": what one costs, said with 要, is a price without a word of trade.
    # "每头1.35万", "路灯是一盏一千二": a price by the piece; not "一台315千伏安" (千 of a unit).
    scaled = (bool(m["mult"]) or any(c in "万千亿" for c in m["num"])) \
        and not ("\u4e00" <= text[m.end():m.end() + 1] <= "\u9fff")
    return bool(priced and (priced.group().rstrip().endswith("要") or scaled
                            or _TRADE.search(text, sentence.start() if sentence else 0, m.end() + 4)))


def _bare_prices(text: str, taken: list[re.Match[str]]) -> list[re.Match[str]]:
    """Numbers with no unit said right after a price or period cue ("每斤四十五", "一个月800"): no anchor reaches them."""
    found = []
    for cue in _PRICE_CUE.finditer(text):
        m = _AMOUNT.match(text, cue.end())
        if m and m.group("num") and not any(t.start() <= m.start() < t.end() for t in taken):
            found.append(m)
    return found


def amounts_of(text: str) -> list[Amount]:
    """Every sum of money in the text, in order ("5万元" → 50000, "三到五万" → 50000)."""
    out: list[Amount] = []
    text = _NOT_A_DIGIT.sub(" ", text)  # same length: the spans stay where they were
    matches = list(anchored(_AMOUNT, _ANCHOR, text, 16, 4))
    for m in sorted(matches + _bare_prices(text, matches) + list(_ROUGHLY.finditer(text)), key=lambda m: m.start()):
        if m.re is _ROUGHLY:  # "万把块钱": about one of that unit
            if not retracted(text, m.end()):
                out.append(Amount(plain(SCALE.get(m["unit"], 100.0)), m.group()))
            continue
        if not _is_money(text, m) or retracted(text, m.end()):
            continue
        value = to_number(m.group("num"))
        if value is not None and m.group("mult"):
            value *= SCALE[m.group("mult")]
        if value is not None and m.group("cur") and m.group("cur")[0] in "毛角":
            value /= 10
        said = m.group().strip()
        if value is not None and m.group("cur") == "块" and (tenths := _TENTHS.match(text, m.end())):
            value += int(to_number(tenths.group(1)) or 0) / 10  # "每斤3块5": three and a half yuan
            said += tenths.group(1)
        if value is None or value <= 0:
            continue
        out.append(Amount(plain(value), said))
    return out
