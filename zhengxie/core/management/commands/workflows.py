import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation

from zhengxie.core.workflow import all_workflows
from zhengxie.core.workflow import docs as workflow_docs
from zhengxie.core.workflow.describe import describe


class Command(BaseCommand):
    help = "Prints every workflow: states, transitions, who may take each, and the effects."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="one JSON list of workflows"
        )
        parser.add_argument("--docs", metavar="FOLDER", help="write the SVGs and tables there")

    def handle(self, *args, as_json: bool = False, docs: str | None = None, **options):
        if docs:
            for path in workflow_docs.write(Path(docs)):
                self.stdout.write(str(path))
            return
        with translation.override("zh-hans"):
            described = [describe(w) for w in all_workflows()]
        if as_json:
            self.stdout.write(json.dumps(described, ensure_ascii=False, indent=2))
            return
        for w in described:
            self.stdout.write(f"{w['name']} ({w['model']}): {w['label']}")
            states = ", ".join(
                f"{s['code']}{' (terminal)' if s['terminal'] else ''}" for s in w["states"]
            )
            self.stdout.write(f"  states: {states}")
            for t in w["transitions"]:
                self.stdout.write(
                    f"  {t['name']}: {','.join(t['from'])} -> {t['to']}"
                    f"  who={','.join(t['who'])}  effects={','.join(t['effects']) or '-'}"
                )
