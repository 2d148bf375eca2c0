"""A project in progress: 里程碑完成, 督导 with its findings turned into 整改 items (tasks the supervisor verifies),
and 申请验收 with a closing summary."""
from __future__ import annotations

import dataclasses
import datetime as dt

from handlers.directory import Directory
from handlers.parse.record import ProjectBlock
from handlers.project_refs import APPROVED
from handlers.projects.access import acts_for_town, county_cadre, refusal
from handlers.projects.cards import card, milestone_lines, review_buttons
from handlers.projects.common import choose, named_town, own_projects, reachable, refused, reviewers, tell
from handlers.projects.resolve import milestone
from handlers.projects.store import ProjectsContext
from handlers.refs import NewTask
from handlers.tasks.cards import assigned_notice, day

MAX_FINDINGS = 20
RECTIFY_DAYS = 15  # a 整改 item with no deadline said: the usual half month of township practice


async def milestone_done(ctx: ProjectsContext, directory: Directory, block: ProjectBlock) -> None:
    """Tick the milestone the words say, on the sender's own project (their village's, or their township's)."""
    town = acts_for_town(ctx.person)
    if await refused(ctx, "milestone_done", town=town):
        return
    candidates = [p for p in await own_projects(ctx, directory, ("in_progress",)) if p.milestones]
    named = [p for p in candidates if milestone(block.title or ctx.args, p.milestones) is not None]
    none = f"{'本镇' if town else '本村'}实施中的项目没有未完成的里程碑。"
    project = await choose(ctx, block, named or candidates, none)
    if project is None:
        return
    step = milestone(block.title or ctx.args, project.milestones)
    ticked = milestone(block.title or ctx.args, [dataclasses.replace(m, done_at=None) for m in project.milestones
                                                 if m.done_at is not None])
    if step is None and ticked is not None:
        ctx.reply(f"里程碑“{ticked.title}”已经记录完成了，无需再报。")
        return
    if step is None:
        ctx.reply(f"没有找到这个里程碑。“{project.title}”的里程碑：\n" + "\n".join(milestone_lines(project))
                  + "\n请按“里程碑完成：……”写上其中一项。")
        return
    done = await ctx.store.projects.tick(project.id, step.id, actor_id=ctx.person.id, now=ctx.now,
                                         inbox_id=ctx.inbox_id)
    ctx.reply(f"已记录里程碑完成：{step.title}。\n" + card(done))


async def inspect(ctx: ProjectsContext, directory: Directory, block: ProjectBlock) -> None:
    """Record an inspection; each finding becomes a 整改 item assigned to the project's owner."""
    if await refused(ctx, "inspect"):
        return
    projects = named_town(ctx.args, await reachable(ctx, every_town=county_cadre(ctx.person)))
    candidates = [p for p in projects if p.status in APPROVED]
    project = await choose(ctx, block, candidates, "本镇没有实施中的项目可督导。")
    if project is None:
        return
    if (why := refusal(ctx.person, "inspect", project)) is not None:
        ctx.reply(why)
        return
    photos = [a.file_id for a in ctx.msg.attachments if a.file_id]
    findings = block.findings[:MAX_FINDINGS]  # bounded: one long message must not hand out hundreds of tasks
    inspection_id = await ctx.store.projects.inspect(
        project.id, inspector_id=ctx.person.id, note=block.note or ctx.args, findings=findings,
        photos=photos, now=ctx.now, inbox_id=ctx.inbox_id)
    lines = [f"🔎 已记录对“{project.title}”的督导检查" + (f"（照片{len(photos)}张）" if photos else "") + "。"]
    assignee = project.owner_id or await _village_secretary(ctx, directory, project.village)
    if findings and assignee is not None:
        deadline = block.deadline or directory.local(ctx.now).date() + dt.timedelta(days=RECTIFY_DAYS)
        tasks = await ctx.store.tasks.create(
            project.township_id, ctx.person.id,
            [NewTask(f"整改：{finding}（{project.title}）", assignee, project.village_id, deadline, inspection_id)
             for finding in findings], inbox_id=ctx.inbox_id, now=ctx.now)
        lines.append(f"生成整改事项{len(tasks)}项，期限{day(deadline)}，整改后由您验收销号：")
        lines += [f"  #{t.number} {t.title}" for t in tasks]
        for task in tasks:
            text, buttons = assigned_notice(task)
            await tell(ctx, [assignee], text, f"task:{task.id}:assigned", buttons)
    elif findings:
        lines.append("该项目没有登记负责人，整改事项未能交办，请联系镇党建办。")
    ctx.reply("\n".join(lines))


async def _village_secretary(ctx: ProjectsContext, directory: Directory, village: str | None) -> int | None:
    if village is None:
        return None
    people = await ctx.store.people.with_roles(ctx.person.township_id, ("secretary",), village)
    return people[0].id if people else None


async def request_acceptance(ctx: ProjectsContext, directory: Directory, block: ProjectBlock) -> None:
    """The owner's 申请验收 with a closing summary; reviewers get the card with 验收通过 / 退回."""
    town = acts_for_town(ctx.person)
    if await refused(ctx, "request_acceptance", town=town):
        return
    project = await choose(ctx, block, await own_projects(ctx, directory, ("in_progress",)),
                           f"{'本镇' if town else '本村'}没有实施中的项目可申请验收。")
    if project is None:
        return
    summary = block.note or ctx.args
    done = await ctx.store.projects.change(project.id, "apply", actor_id=ctx.person.id, now=ctx.now,
                                           inbox_id=ctx.inbox_id, note=summary, status="acceptance_requested")
    open_steps = [m.title for m in done.milestones if m.done_at is None]
    ctx.reply(f"已提交“{done.title}”{done.above}级验收申请，验收结果会通知您。")
    warn = f"\n尚未完成的里程碑：{'、'.join(open_steps)}" if open_steps else ""
    await tell(ctx, await reviewers(ctx, done), card(done, f"申请{done.above}级验收") + f"\n总结：{summary}{warn}",
               f"project:{done.id}:apply", review_buttons(done))
