"""A member's day over the members' app API, with nothing but Python's standard library.

Run the demo site in one terminal and this script in another:

    make run                                   # the demo data and the server on :8000
    python3 docs/api_example.py http://127.0.0.1:8000

It signs in as the demo member 13900000001 (password zhengxie2022; pass others with
--username/--password), then prints each step: who the member is, the inbox (and marks it
read), the duty year (points, five ones, three highs), the portal's boards and newest threads,
and the culture hall. Steps whose endpoints are not in the server's OpenAPI document yet
(co-signing an invitation, signing in to a meeting, submitting an opinion report) are named
as skipped rather than guessed, so the script runs against any version of the API.
"""

import argparse
import json
import sys
import urllib.error
import urllib.request

PREFIX = "/api/v1"


class Api:
    def __init__(self, base: str):
        self.base = base.rstrip("/") + PREFIX
        self.token: str | None = None

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            detail = json.loads(error.read() or b"{}").get("error", {})
            raise SystemExit(f"{method} {path}: {error.code} {detail.get('message', '')}") from None
        return json.loads(raw) if raw else {}


def step(title: str) -> None:
    print(f"\n== {title}")


def walk(api: Api) -> None:
    me = api.call("GET", "/me")
    roles = ", ".join(f"{r['committee']['name']} {r['role_label']}" for r in me["roles"])
    print(f"{me['display_name']}（{roles}）")

    step("收件箱")
    inbox = api.call("GET", "/inbox?unread=true&limit=5")
    for message in inbox["items"]:
        print(f"- {message['created_at'][:16]} {message['title']}")
    if not inbox["items"]:
        print("没有未读消息")
    print(f"标为已读：{api.call('POST', '/inbox/read')['marked']} 条")

    step("我的履职")
    year = api.call("GET", "/duty/me")
    highs = year["three_highs"]
    print(
        f"{year['year']} 年积分 {year['points']}，五个一完成 {year['five_ones_done']}/"
        f"{year['five_ones_total']}，三高综合得分 {highs['score']}（{highs['grade_label'] or '—'}）"
    )
    for task in api.call("GET", "/duty/me/five-ones")["tasks"]:
        print(f"- {'✓' if task['done'] else '·'} {task['name']}")

    step("政协论坛")
    groups = api.call("GET", "/portal/boards")["groups"]
    boards = [board for group in groups for board in group["boards"]]
    print("版块：" + "、".join(board["name"] for board in boards))
    if boards:
        threads = api.call("GET", f"/portal/boards/{boards[0]['id']}/threads?limit=3")["items"]
        for thread in threads:
            print(f"- {thread['title']}（回复 {thread['replies']}，查看 {thread['views']}）")

    step("文史馆")
    for exhibition in api.call("GET", "/portal/hall")["exhibitions"]:
        print(
            f"- {exhibition['title']}（{exhibition['period']}，{exhibition['item_count']} 件展品）"
        )


def skipped_steps(api: Api) -> None:
    paths = api.call("GET", "/openapi.json")["paths"]
    wanted = {
        "联名邀请（附议）": "cosign",
        "会议签到": "signin",
        "报送社情民意": "opinion",
    }
    step("其他环节")
    for name, word in wanted.items():
        found = sorted(p for p in paths if word in p)
        print(f"- {name}：" + ("、".join(found) if found else "本版本的接口尚未提供，跳过"))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the running site, e.g. http://127.0.0.1:8000")
    parser.add_argument("--username", default="13900000001")
    parser.add_argument("--password", default="zhengxie2022")
    args = parser.parse_args(argv)
    api = Api(args.url)

    step("登录")
    body = {"username": args.username, "password": args.password, "device_name": "示例脚本"}
    issued = api.call("POST", "/auth/token", body)
    api.token = issued["token"]
    print(f"已登录，令牌有效至 {issued['expires_at']}")
    try:
        walk(api)
        skipped_steps(api)
    finally:
        step("退出")
        api.call("DELETE", "/auth/token")
        print("本设备已退出")


if __name__ == "__main__":
    main(sys.argv[1:])
