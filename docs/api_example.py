"""A member's day over the API, as an app would walk it: sign in, read 今日待办 and the inbox
(and poll it with an ETag), answer a co-signing invitation, write a proposal with the similar
ones beside it, submit it, read "my proposals", sign in to a meeting by the code on the venue's
screen, submit an opinion report, sign out. Standard library only.

    make run        # in another terminal: the demo on http://127.0.0.1:8000
    python docs/api_example.py --base-url http://127.0.0.1:8000 --username 13900000001 \
        --password zhengxie2022 [--meeting ACTIVITY_ID --code CODE]

The meeting's code is what the QR code on the venue's screen carries after `signin/` (the
office opens the screen from the activity's page); without it the walk lists the member's
invitations instead.
"""

import argparse
import json
import sys
import urllib.error
import urllib.request

SECTIONS = {
    "situation": "老城区停车位缺口大，夜间占道停车普遍。",
    "analysis": "老旧小区规划未预留车位，公共停车场分布不均。",
    "suggestion": "利用边角地建设立体停车库，错时开放机关单位停车场。",
}


class Api:
    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/") + "/api/v1"
        self.token = ""

    def call(self, method: str, path: str, body=None, headers=None):
        """(status, JSON answer or None, response headers); errors come back, not raise."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request) as response:
                raw, status, answer_headers = response.read(), response.status, response.headers
        except urllib.error.HTTPError as error:
            raw, status, answer_headers = error.read(), error.code, error.headers
        return status, (json.loads(raw) if raw else None), answer_headers

    def ok(self, method: str, path: str, body=None):
        status, answer, _headers = self.call(method, path, body)
        if status >= 400:
            raise SystemExit(f"{method} {path} → {status}: {answer['error']['message']}")
        return answer


def member_day(
    base_url: str,
    username: str,
    password: str,
    category: str,
    *,
    meeting: int | None = None,
    code: str = "",
    say=print,
) -> dict:
    api = Api(base_url)
    # Sign in (a mobile number works as the username; {"phone", "code"} for an SMS code).
    issued = api.ok("POST", "/auth/token", {"username": username, "password": password,
                                            "device_name": "示例客户端"})  # fmt: skip
    api.token = issued["token"]
    me = api.ok("GET", "/me")
    roles = ", ".join(f"{r['committee']['name']}·{r['role_label']}" for r in me["roles"])
    say(f"已登录：{me['display_name']}（{roles}），令牌有效至 {issued['expires_at']}")

    # 今日待办: everything waiting for the member, most urgent first.
    todo = api.ok("GET", "/todo")
    say(f"今日待办 {todo['total']} 项（紧急 {todo['urgent']} 项）")

    # The inbox, then a poll with the ETag: nothing new costs no bytes.
    status, inbox, headers = api.call("GET", "/inbox?unread=true")
    say(f"未读消息 {len(inbox['items'])} 条")
    status, _body, _headers = api.call("GET", "/inbox?unread=true",
                                       headers={"If-None-Match": headers["ETag"]})  # fmt: skip
    say(f"再次查看消息：{'无新消息（304）' if status == 304 else '有更新'}")

    # Co-signing invitations: confirm the first one still waiting.
    invitations = api.ok("GET", "/proposals/invitations")["items"]
    waiting = [i for i in invitations if i["state"] == "invited"]
    if waiting:
        answer = api.ok("POST", f"/proposals/invitations/{waiting[0]['id']}", {"accept": True})
        say(f"已确认联名：{answer['title']}")

    # Write a proposal, with the similar ones beside it, and submit it.
    title = "关于缓解老城区停车难问题的建议"
    similar = api.ok("POST", "/proposals/similar", {"text": title + SECTIONS["suggestion"]})
    say(f"相似提案 {len(similar)} 件" + (f"，最相似：{similar[0]['title']}" if similar else ""))
    draft = api.ok("POST", "/proposals", {"title": title})["proposal"]
    api.ok("PUT", f"/proposals/{draft['id']}", {"title": title, "category": category, **SECTIONS})
    submitted = api.ok("POST", f"/proposals/{draft['id']}/submit", {})["proposal"]
    say(f"提案已提交：{submitted['title']}（{submitted['state_label']}）")

    mine = api.ok("GET", "/proposals/mine?limit=5")
    say("我的提案：" + "；".join(p["title"] for p in mine["items"]))

    # The workflow endpoints: what the member may do with the new proposal now.
    steps = api.ok("GET", f"/proposal/{submitted['id']}/transitions")
    say("可执行的操作：" + ("、".join(s["label"] for s in steps["transitions"]) or "无"))

    # The meeting: sign in with the code from the venue's screen, or see what is coming.
    signed_in = False
    if meeting and code:
        answer = api.ok("POST", f"/activities/{meeting}/sign-in", {"token": code})
        signed_in = True
        say("会议签到成功" if answer["newly"] else "此前已签到")
    else:
        invitations = api.ok("GET", "/activities/invitations?limit=3")["items"]
        say("近期活动：" + ("；".join(a["title"] for a in invitations) or "无"))

    # An opinion report (社情民意), submitted at once.
    report = api.ok("POST", "/opinions", {
        "title": "关于城区菜市场改造期间设置临时摊位的建议",
        "body": "改造期间周边居民买菜不便，建议就近设置临时摊位并公示改造工期。",
        "submit": True,
    })  # fmt: skip
    say(f"社情民意信息已报送：{report['title']}（{report['state_label']}）")

    status, _body, _headers = api.call("DELETE", "/auth/token")
    say("已退出登录" if status == 204 else f"退出登录失败（{status}）")
    return {
        "proposal_id": submitted["id"],
        "similar": len(similar),
        "report_id": report["id"],
        "signed_in": signed_in,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--username", required=True, help="手机号或用户名")
    parser.add_argument("--password", required=True)
    parser.add_argument("--category", default="城乡建设", help="提案类别，须在本级类别表中")
    parser.add_argument("--meeting", type=int, help="要签到的活动编号")
    parser.add_argument("--code", default="", help="会场大屏二维码中 signin/ 之后的一段")
    args = parser.parse_args()
    member_day(
        args.base_url,
        args.username,
        args.password,
        args.category,
        meeting=args.meeting,
        code=args.code,
    )


if __name__ == "__main__":
    sys.exit(main())
