"""Slack: alerts through `chat.postMessage` and `/openstack` through slack-bolt.

`render` turns alerts and command replies into escaped Block Kit, `webclient`
builds the Web API client with bounded retries and maps Slack's errors to
`DeliveryError`, `notifier` posts alerts for one destination and `adapter`
answers the slash command in Socket Mode or HTTP mode.
"""
