# A stdout callback for Ansible that prints one JSON object a line: each play, each task as it
# starts (with its action and tags: a diagnosis check is tagged ['diagnosis', <step id>]), each
# host's result as it comes, and the final per-host stats. The runner's fleet diagnosis reads it
# (server/fleet/), and so do the tests (test/helpers/ansible.ts).
#
# Why our own: Debian 12's ansible-core 2.14 ships only the builtin callbacks; the usual `json`
# callback lives in the ansible.posix collection, which a fresh machine does not have. The plugin
# API used here is Ansible's documented CallbackBase (docs.ansible.com, "Developing plugins",
# callback plugins; ansible-core lib/ansible/plugins/callback/__init__.py): v2_playbook_on_*,
# v2_runner_on_* and stats.summarize(host).
#
# Enabled by ANSIBLE_CALLBACK_PLUGINS=<this folder> and ANSIBLE_STDOUT_CALLBACK=runguide_events.
from __future__ import annotations

import json
import sys

from ansible.parsing.ajson import AnsibleJSONEncoder
from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
    name: runguide_events
    type: stdout
    short_description: one JSON object a line, streamed
    description: Plays, tasks, per-host results and stats, one JSON object a line (runguide's fleet runs and tests).
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "stdout"
    CALLBACK_NAME = "runguide_events"

    def _emit(self, event):
        sys.stdout.write(json.dumps(event, cls=AnsibleJSONEncoder, sort_keys=True) + "\n")
        sys.stdout.flush()

    def v2_playbook_on_play_start(self, play):
        self._emit({"event": "play", "name": play.get_name()})

    def _task(self, task):
        tags = [str(t) for t in (task.tags or [])]
        self._emit({"event": "task", "name": task.get_name(), "uuid": task._uuid, "action": task.action, "tags": tags})

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._task(task)

    def v2_playbook_on_handler_task_start(self, task):
        self._task(task)

    def _result(self, result, **flags):
        body = dict(result._result)
        body.update(flags)
        self._emit({"event": "result", "host": result._host.get_name(), "uuid": result._task._uuid, "result": body})

    def v2_runner_on_ok(self, result):
        self._result(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._result(result, failed=True, ignored=bool(ignore_errors))

    def v2_runner_on_skipped(self, result):
        self._result(result, skipped=True)

    def v2_runner_on_unreachable(self, result):
        self._result(result, unreachable=True)

    def v2_playbook_on_stats(self, stats):
        hosts = sorted(stats.processed.keys())
        self._emit({"event": "stats", "hosts": {h: stats.summarize(h) for h in hosts}})
