"""sunbae (선배): career advice from AI-bootcamp seniors, in the Discord server campers already use."""

__version__ = "0.1.0"
