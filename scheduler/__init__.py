"""The reporting calendar: jobs that run at their time, each a module-level `async def job(ctx, now)`."""
