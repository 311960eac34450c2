print("escrow")
