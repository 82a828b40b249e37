import Foundation
import QuillCommands

exit(QuillMain.run(Array(CommandLine.arguments.dropFirst())))
