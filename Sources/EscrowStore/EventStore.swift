import EscrowCore
