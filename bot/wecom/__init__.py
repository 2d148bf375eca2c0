"""WeCom (企业微信, and 政务微信) self-built apps and WeChat Official Accounts: encrypted callbacks and sending."""
