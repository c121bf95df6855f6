"""A small but real discord.py bot that exercises what the emulator must support: typed options,
autocomplete, views with buttons and a select, defer + followup, a modal, a subcommand group,
channel messages, threads and forum posts."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands

TOPICS = ["대학원 진학", "대학원 vs 취업", "취업 준비", "포트폴리오", "코딩 테스트"]
PAGES = ["첫 번째 팁: 꾸준함", "두 번째 팁: 네트워킹", "세 번째 팁: 기록하기"]


class Pager(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)
        self.index = 0
        self._sync()

    def embed(self) -> discord.Embed:
        embed = discord.Embed(title="선배의 조언", description=PAGES[self.index])
        embed.add_field(name="페이지", value=f"{self.index + 1}/{len(PAGES)}")
        embed.set_footer(text="sunbae")
        return embed

    def _sync(self) -> None:
        self.prev.disabled = self.index == 0
        self.next.disabled = self.index == len(PAGES) - 1

    @discord.ui.button(label="이전", custom_id="pager:prev", style=discord.ButtonStyle.secondary)
    async def prev(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.index -= 1
        self._sync()
        await interaction.response.edit_message(embed=self.embed(), view=self)

    @discord.ui.button(label="다음", custom_id="pager:next")
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        self.index += 1
        self._sync()
        await interaction.response.edit_message(embed=self.embed(), view=self)

    @discord.ui.button(label="자세히", custom_id="pager:more")
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.defer()  # type 6, then edit @original
        await asyncio.sleep(0.01)
        await interaction.edit_original_response(content=f"자세히: {PAGES[self.index]}")

    @discord.ui.select(
        placeholder="주제 선택",
        custom_id="pager:topic",
        options=[
            discord.SelectOption(label="대학원", value="grad"),
            discord.SelectOption(label="취업", value="job"),
        ],
    )
    async def topic(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.edit_message(content=f"topic={select.values[0]}", view=self)


class PickPeople(discord.ui.View):
    @discord.ui.select(cls=discord.ui.UserSelect, custom_id="pick:users", max_values=2)
    async def users(self, interaction: discord.Interaction, select: discord.ui.UserSelect) -> None:
        names = ",".join(sorted(u.name for u in select.values))
        await interaction.response.edit_message(content=f"picked {names}", view=None)


class Feedback(discord.ui.Modal, title="피드백"):
    body: discord.ui.TextInput = discord.ui.TextInput(
        label="내용", custom_id="feedback:body", style=discord.TextStyle.paragraph, max_length=200
    )
    rating: discord.ui.TextInput = discord.ui.TextInput(
        label="점수", custom_id="feedback:rating", required=False, default="5"
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            f"받았어요: {self.body.value} ({self.rating.value})", ephemeral=True
        )


class Note(discord.ui.Modal, title="메모"):
    """discord.py 2.6+: labels around a text input and a string select (and a text display)."""

    intro = discord.ui.TextDisplay("주제를 고르고 적어 주세요.")
    body: discord.ui.Label = discord.ui.Label(
        text="본문",
        description="4000자까지",
        component=discord.ui.TextInput(
            custom_id="note:body", style=discord.TextStyle.paragraph, max_length=4000
        ),
    )
    topics: discord.ui.Label = discord.ui.Label(
        text="주제",
        component=discord.ui.Select(
            custom_id="note:topics",
            min_values=0,
            max_values=2,
            required=False,
            options=[
                discord.SelectOption(label="대학원", value="grad", default=True),
                discord.SelectOption(label="취업", value="job"),
                discord.SelectOption(label="포트폴리오", value="portfolio"),
            ],
        ),
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        assert isinstance(self.body.component, discord.ui.TextInput)
        assert isinstance(self.topics.component, discord.ui.Select)
        picked = ",".join(self.topics.component.values) or "-"
        await interaction.response.send_message(
            f"메모: {self.body.component.value} [{picked}]", ephemeral=True
        )


class TipConfig(app_commands.Group, name="tip-config", description="팁 설정"):
    schedule = app_commands.Group(name="schedule", description="일정")

    @app_commands.command(name="set", description="요일 설정")
    async def set_day(
        self, interaction: discord.Interaction, day: app_commands.Range[int, 1, 7]
    ) -> None:
        await interaction.response.send_message(f"day={day}", ephemeral=True)

    @schedule.command(name="time", description="시간 설정")
    async def set_time(
        self, interaction: discord.Interaction, hour: app_commands.Range[int, 0, 23]
    ) -> None:
        await interaction.response.send_message(f"hour={hour}")


def build_bot(
    *, forum_name: str = "advice", intents: discord.Intents | None = None
) -> commands.Bot:
    bot = commands.Bot(
        command_prefix=commands.when_mentioned,
        intents=intents or discord.Intents(guilds=True),
        guild_ready_timeout=0.05,
    )
    bot.resumed_count = 0  # type: ignore[attr-defined]
    bot.errors: list[BaseException] = []  # type: ignore[misc]
    bot.seen: list[discord.Message] = []  # type: ignore[misc]

    @bot.event
    async def on_message(message: discord.Message) -> None:
        bot.seen.append(message)  # type: ignore[attr-defined]

    @bot.event
    async def on_resumed() -> None:
        bot.resumed_count += 1  # type: ignore[attr-defined]

    @bot.tree.error
    async def on_tree_error(
        interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        bot.errors.append(error)  # type: ignore[attr-defined]

    @bot.tree.command(name="advice", description="선배 조언 검색")
    async def advice(interaction: discord.Interaction, query: str) -> None:
        view = Pager()
        await interaction.response.send_message(f"검색: {query}", embed=view.embed(), view=view)

    @advice.autocomplete("query")
    async def advice_query(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        stem = current.rstrip("ㅇ")  # a half-typed Hangul syllable
        return [app_commands.Choice(name=t, value=t) for t in TOPICS if stem in t][:25]

    @bot.tree.command(name="echo", description="옵션 확인")
    async def echo(
        interaction: discord.Interaction,
        *,
        text: str,
        count: int,
        ratio: float,
        loud: bool,
        who: discord.Member,
        where: discord.TextChannel,
        role: discord.Role,
    ) -> None:
        line = f"{text}|{count}|{ratio}|{loud}|{who.name}|{where.name}|{role.name}"
        await interaction.response.send_message(line)

    @bot.tree.command(name="whoami", description="나는 누구")
    async def whoami(interaction: discord.Interaction) -> None:
        user = interaction.user
        perms = interaction.permissions.manage_guild
        text = f"{user.name} {interaction.locale.value} {interaction.guild_locale} manage={perms}"
        await interaction.response.send_message(text, ephemeral=True)

    @bot.tree.command(name="roles", description="내 역할")
    async def roles(interaction: discord.Interaction) -> None:
        member = interaction.user
        names = [r.name for r in member.roles[1:]] if isinstance(member, discord.Member) else []
        await interaction.response.send_message(",".join(names) or "-", ephemeral=True)

    @bot.tree.command(name="slow", description="느린 명령")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await asyncio.sleep(0.05)
        await interaction.followup.send("느린 답변 완료")
        await interaction.followup.send("추가 메시지", ephemeral=True)

    @bot.tree.command(name="pick", description="사람 고르기")
    async def pick(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("누구?", view=PickPeople())

    @bot.tree.context_menu(name="프로필")
    async def profile(interaction: discord.Interaction, member: discord.Member) -> None:
        await interaction.response.send_message(f"profile {member.name}", ephemeral=True)

    @bot.tree.context_menu(name="저장")
    async def save(interaction: discord.Interaction, message: discord.Message) -> None:
        await interaction.response.send_message(f"saved {message.content}", ephemeral=True)

    @bot.tree.command(name="silent", description="답하지 않음")
    async def silent(interaction: discord.Interaction) -> None:
        return None

    @bot.tree.command(name="sleepy", description="늦게 답함")
    async def sleepy(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.3)
        try:
            await interaction.response.send_message("늦었다")
        except discord.NotFound as exc:
            bot.errors.append(exc)  # type: ignore[attr-defined]

    @bot.tree.command(name="feedback", description="피드백 남기기")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(Feedback())

    @bot.tree.command(name="note", description="메모 남기기")
    async def note(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(Note())

    @bot.tree.command(name="upload", description="파일 읽기")
    async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await file.read()
        limit = interaction.filesize_limit
        await interaction.response.send_message(
            f"{file.filename} {file.size} {len(data)} {data[:5].decode()} limit={limit}"
        )

    @bot.tree.command(name="post", description="글 쓰고 스레드 만들기")
    async def post(interaction: discord.Interaction, title: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            message = await interaction.channel.send(f"📌 {title}")  # type: ignore[union-attr]
            thread = await message.create_thread(name=title)
            await thread.send("스레드 첫 글")
            forum = discord.utils.get(interaction.guild.forums, name=forum_name)  # type: ignore[union-attr]
            created = await forum.create_thread(name=title, content="포럼 글 본문")  # type: ignore[union-attr]
            await interaction.followup.send(f"ok {thread.id} {created.thread.id}")
        except discord.Forbidden as exc:
            await interaction.followup.send(f"forbidden {exc.code}")
        except discord.HTTPException as exc:
            await interaction.followup.send(f"failed {exc.status}")

    bot.tree.add_command(
        TipConfig(default_permissions=discord.Permissions(manage_guild=True), guild_only=True)
    )
    return bot
