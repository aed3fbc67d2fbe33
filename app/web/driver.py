"""Drives the core's call flows (zoho.calls) in the page: fetch and timers from the platform,
a Wait's notice in the message area of whoever asked, a Batch's requests all at once (each
Answer awaits the next of them, in order, while the others go on)."""

import asyncio

from zoho.calls import Answer, Batch, Rows, Steps, Wait
from zoho.errors import NetworkError


async def drive(flow, platform, report, on_rows=None):
    """Run ``flow``: requests through ``platform.fetch_text`` (a Batch's side by side), waits
    through ``platform.sleep`` with their notice in ``report`` (cleared at the end); each Rows
    to ``on_rows`` (async; a False answer stops the flow: None). The flow's result; its
    ZohoError is raised."""
    steps = Steps(flow)
    noticed = False
    started = []  # the tasks of a Batch's requests whose answers are still to come, in order
    try:
        for step in steps:
            if isinstance(step, Rows):
                if on_rows is not None and await on_rows(step) is False:
                    flow.close()
                    return None
            elif isinstance(step, Wait):
                noticed = True
                report.show_notice(step.notice)
                await platform.sleep(step.seconds)
            elif isinstance(step, Batch):
                started.extend(asyncio.create_task(_answer(platform, request)) for request in step.requests)
            elif isinstance(step, Answer):
                steps.reply = await started.pop(0)
            else:
                steps.reply = await _answer(platform, step)
        return steps.result
    finally:
        for task in started:  # answers the flow no longer wants (it ended, or was stopped)
            task.cancel()
        if noticed:
            report.show_notice("")


async def _answer(platform, request):
    """The answer to ``request`` (status, headers, text), or the NetworkError met instead."""
    try:
        return await platform.fetch_text(request.url, request.method, request.headers, request.body)
    except NetworkError as error:
        return error
