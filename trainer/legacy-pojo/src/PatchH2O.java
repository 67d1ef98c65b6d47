import javassist.ClassPool;
import javassist.CtClass;
import javassist.expr.ExprEditor;
import javassist.expr.MethodCall;

/**
 * H2O 3.10.3.2's H2O.main logs RuntimeMXBean.getBootClassPath(), which throws on Java 9+; there is no JDK 8
 * here, so this writes a copy of water.H2O with that one call replaced by "" (generate.sh puts it first on the
 * class path). Nothing else of H2O is changed.
 */
public class PatchH2O {
    public static void main(String[] args) throws Exception {
        ClassPool pool = new ClassPool(true);
        pool.insertClassPath(args[0]);
        CtClass c = pool.get("water.H2O");
        c.instrument(new ExprEditor() {
            @Override
            public void edit(MethodCall m) throws javassist.CannotCompileException {
                if (m.getMethodName().equals("getBootClassPath")) {
                    m.replace("$_ = \"\";");
                }
            }
        });
        c.writeFile(args[1]);
    }
}
