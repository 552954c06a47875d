import TMKitText
