"""The shared kernel: what every app uses and no domain owns (countries, money, encrypted fields).

It sits below every app: it imports Django and the standard library, never an app of the project.
"""
