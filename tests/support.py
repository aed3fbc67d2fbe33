"""Helpers shared by the fast tests (standard library only)."""

import asyncio
import threading


def run_coroutine(coroutine):
    """Run ``coroutine`` to its end in a thread of its own, with its own event loop.

    In a test run that also drives a browser, Playwright's sync API keeps an event loop
    running in the main thread, where asyncio.run refuses to start another.
    """
    outcome = {}

    def main():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 - handed to the caller as it was raised
            outcome["error"] = error

    thread = threading.Thread(target=main)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
