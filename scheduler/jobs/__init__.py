"""One module per calendar job, each with `async def job(ctx, now)`."""
